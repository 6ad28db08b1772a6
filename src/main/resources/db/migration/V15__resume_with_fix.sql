-- Resume with a fix: a replacement input for a step given when its run is resumed (used instead of
-- rendering the definition's template), and the attempt number the step had when it was reset, so
-- attempt numbers continue across a resume while the retry policy counts the attempts since.
ALTER TABLE run_steps ADD COLUMN input_override TEXT;
ALTER TABLE run_steps ADD COLUMN attempt_base INT DEFAULT 0 NOT NULL;
