-- A held call's backchannel authentication request is built in the decision's transaction and kept
-- with the call, so that any node can send it: the node that held the call sends it at once from a
-- bounded queue, and the timer sends it again when that node stopped or fell behind (the ask's
-- lease, next_poll_at, ran out). asks counts the claimed attempts; a claim is a conditional update
-- on it, so two nodes never send the same attempt.
ALTER TABLE held_call ADD COLUMN approval_request TEXT;
ALTER TABLE held_call ADD COLUMN asks INTEGER NOT NULL DEFAULT 0;
