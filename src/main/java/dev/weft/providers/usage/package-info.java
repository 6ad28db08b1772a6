/**
 * Usage and cost of AI steps: the price table ({@code weft.pricing}), the ledger every AI step writes
 * to, and the per-run and per-app budgets checked before each provider call.
 */
package dev.weft.providers.usage;
