-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Limber schema 4: a hash chain over the audit log, so that no entry can be
-- changed, removed or slipped in without `limber check` noticing.
--
-- For every entry, audit_chain keeps the SHA-256 of its old and new values
-- (values_hash) and the SHA-256 of the previous entry's chain hash, the entry's
-- other columns and its values_hash (chain_hash). Both are computed by
-- functions that only Limber registers, inside the transaction of the change.
--
-- Erasing a patient must remove their health data from the log too: the store
-- may then replace an entry's old and new values by NULL and set redacted_by to
-- the entry that records the erasure. The values_hash stays, so the chain still
-- verifies; nothing else of the entry may change, and only while Limber erases.

ALTER TABLE audit_log ADD COLUMN redacted_by INTEGER;

CREATE TABLE audit_chain (
  audit_id     INTEGER PRIMARY KEY,
  values_hash  BLOB NOT NULL
                 CHECK (length (values_hash) = 32),
  chain_hash   BLOB NOT NULL
                 CHECK (length (chain_hash) = 32)
) STRICT;

-- The entries written before this schema are chained now, in order.
INSERT INTO audit_chain (audit_id, values_hash, chain_hash)
WITH RECURSIVE
  entry (n, id, at, user_name, action, table_name, row_id, values_hash) AS MATERIALIZED (
    SELECT row_number () OVER (ORDER BY id), id, at, user_name, action, table_name, row_id,
           limber_audit_values_hash (old_values, new_values)
    FROM audit_log),
  chained (n, id, values_hash, chain_hash) AS (
    SELECT n, id, values_hash,
           limber_audit_chain_hash (NULL, id, at, user_name, action, table_name, row_id,
                                    values_hash)
    FROM entry WHERE n = 1
    UNION ALL
    SELECT e.n, e.id, e.values_hash,
           limber_audit_chain_hash (c.chain_hash, e.id, e.at, e.user_name, e.action,
                                    e.table_name, e.row_id, e.values_hash)
    FROM chained AS c JOIN entry AS e ON e.n = c.n + 1)
SELECT id, values_hash, chain_hash FROM chained;

CREATE TRIGGER audit_log_chain AFTER INSERT ON audit_log
BEGIN
  INSERT INTO audit_chain (audit_id, values_hash, chain_hash)
  SELECT NEW.id, v.hash,
         limber_audit_chain_hash ((SELECT chain_hash FROM audit_chain
                                   ORDER BY audit_id DESC LIMIT 1),
                                  NEW.id, NEW.at, NEW.user_name, NEW.action, NEW.table_name,
                                  NEW.row_id, v.hash)
  FROM (SELECT limber_audit_values_hash (NEW.old_values, NEW.new_values) AS hash) AS v;
END;

CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN
  SELECT RAISE (ABORT, 'the audit chain is append-only: its rows cannot be changed');
END;

CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN
  SELECT RAISE (ABORT, 'the audit chain is append-only: its rows cannot be deleted');
END;

-- The only change an entry may undergo: its values erased, by Limber, recording
-- which entry erased them. Changing anything else is refused by any program;
-- erasing values needs a function that only Limber's connection has.
DROP TRIGGER audit_log_no_update;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OF id, at, user_name, action, table_name, row_id
ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only: its rows cannot be changed');
END;

CREATE TRIGGER audit_log_only_redact BEFORE UPDATE OF old_values, new_values, redacted_by
ON audit_log
WHEN NOT (limber_audit_may_redact ()
          AND OLD.redacted_by IS NULL AND NEW.redacted_by IS NOT NULL
          AND NEW.old_values IS NULL AND NEW.new_values IS NULL)
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only: its rows cannot be changed');
END;
