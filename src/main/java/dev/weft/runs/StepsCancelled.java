package dev.weft.runs;

import java.util.Set;

/**
 * Published in this process after a transaction cancelled steps that were running (their run was
 * cancelled, timed out or failed): whoever executes one of these attempts here should stop it.
 * Other processes learn the same when their lease renewal finds the lease gone.
 *
 * @param leaseTokens the leases of the attempts that were running
 */
public record StepsCancelled(Set<String> leaseTokens) {}
