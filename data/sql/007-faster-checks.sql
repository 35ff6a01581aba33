-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Limber schema 7: the same rules, checked at a fraction of the cost for each row an
-- import writes.
--
-- SQLite checks "side IN ('', 'left', 'right')" by building a small table for every
-- row it inserts, and an INSERT … SELECT that reads the table it writes (as the
-- audit chain's trigger did, for the previous entry's hash) by first copying its
-- result into another. An import writes a measurement, an audit entry and a link of
-- the chain for every line of its file, so both made up a large part of its time.
-- The side is now checked with comparisons, and the chain's trigger inserts VALUES.
--
-- The measurement table cannot change a CHECK in place: it is copied row for row,
-- ids included, into a table with the new check, as schema 2 did with the audit log.
-- DROP TABLE runs no DELETE trigger; the table's audit triggers go with it and are
-- made again exactly as they were.
PRAGMA legacy_alter_table = ON;

CREATE TABLE measurement_copy (
  id          INTEGER PRIMARY KEY,
  session_id  INTEGER NOT NULL
                REFERENCES session (id) ON DELETE CASCADE,
  measure     TEXT NOT NULL
                CHECK (measure <> ''),
  side        TEXT NOT NULL DEFAULT ''
                CHECK (side = '' OR side = 'left' OR side = 'right'),
  value       REAL NOT NULL,
  -- Questionnaire item answers as a JSON array (null = unanswered) and, for
  -- the PSFS, the activity names as a JSON array of strings. Only the shape
  -- is checked here: SQLite 3.40 refuses its JSON functions in a schema
  -- under PRAGMA trusted_schema=OFF, so the store writes and reads the JSON.
  answers     TEXT
                CHECK (answers IS NULL OR answers GLOB '[[]*[]]'),
  item_names  TEXT
                CHECK (item_names IS NULL OR item_names GLOB '[[]*[]]'),
  UNIQUE (session_id, measure, side)
) STRICT;

INSERT INTO measurement_copy (id, session_id, measure, side, value, answers, item_names)
  SELECT id, session_id, measure, side, value, answers, item_names
  FROM measurement ORDER BY id;

DROP TABLE measurement;
ALTER TABLE measurement_copy RENAME TO measurement;

PRAGMA legacy_alter_table = OFF;

-- measurement (CAST AS BLOB embeds the stored arrays as JSON, not as strings)

CREATE TRIGGER measurement_audit_insert AFTER INSERT ON measurement
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'measurement', NEW.id, NULL,
          limber_audit_json ('session_id', NEW.session_id, 'measure', NEW.measure,
                             'side', NEW.side, 'value', NEW.value,
                             'answers', CAST (NEW.answers AS BLOB),
                             'item_names', CAST (NEW.item_names AS BLOB)));
END;

CREATE TRIGGER measurement_audit_update AFTER UPDATE ON measurement
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'measurement', NEW.id,
          limber_audit_json ('session_id', OLD.session_id, 'measure', OLD.measure,
                             'side', OLD.side, 'value', OLD.value,
                             'answers', CAST (OLD.answers AS BLOB),
                             'item_names', CAST (OLD.item_names AS BLOB)),
          limber_audit_json ('session_id', NEW.session_id, 'measure', NEW.measure,
                             'side', NEW.side, 'value', NEW.value,
                             'answers', CAST (NEW.answers AS BLOB),
                             'item_names', CAST (NEW.item_names AS BLOB)));
END;

CREATE TRIGGER measurement_audit_delete AFTER DELETE ON measurement
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'measurement', OLD.id,
          limber_audit_json ('session_id', OLD.session_id, 'measure', OLD.measure,
                             'side', OLD.side, 'value', OLD.value,
                             'answers', CAST (OLD.answers AS BLOB),
                             'item_names', CAST (OLD.item_names AS BLOB)),
          NULL);
END;

-- The chain: the same two hashes of each new entry as in schema 4, written with
-- VALUES so that reading the previous entry's hash needs no copy. The values hash
-- is computed twice, which costs less than the copy did.
DROP TRIGGER audit_log_chain;

CREATE TRIGGER audit_log_chain AFTER INSERT ON audit_log
BEGIN
  INSERT INTO audit_chain (audit_id, values_hash, chain_hash)
  VALUES (NEW.id, limber_audit_values_hash (NEW.old_values, NEW.new_values),
          limber_audit_chain_hash ((SELECT chain_hash FROM audit_chain
                                    ORDER BY audit_id DESC LIMIT 1),
                                   NEW.id, NEW.at, NEW.user_name, NEW.action, NEW.table_name,
                                   NEW.row_id,
                                   limber_audit_values_hash (NEW.old_values, NEW.new_values)));
END;
