-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Limber schema 10: an import writes the audit entries of its measurements and the
-- links of the hash chain set-based, the same entries and links as the triggers.
--
-- An import adds a measurement, an audit entry and a link of the chain for every
-- line of its file. Run once per row, the two triggers below took a third of its
-- time. While Limber imports, its own connection writes the entries of each
-- session's new measurements with one INSERT … SELECT right after them, and
-- chains the transaction's entries in one pass just before it commits, by the
-- rule of schema 4: the same entries, in the same order, with the same hashes.
--
-- limber_audit_deferred (what) tells the triggers when to leave that work to the
-- store. Only Limber registers the function, and it answers yes only on the
-- connection that imports, only for the statements of the import itself (the
-- measurement's entries) and only until that transaction ends (the chain). Every
-- other writer, and every other connection, goes through the triggers as before;
-- a program without the function cannot write these tables at all.

DROP TRIGGER measurement_audit_insert;

CREATE TRIGGER measurement_audit_insert AFTER INSERT ON measurement
WHEN NOT limber_audit_deferred ('measurement')
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'measurement', NEW.id, NULL,
          limber_audit_json ('session_id', NEW.session_id, 'measure', NEW.measure,
                             'side', NEW.side, 'value', NEW.value,
                             'answers', CAST (NEW.answers AS BLOB),
                             'item_names', CAST (NEW.item_names AS BLOB)));
END;

DROP TRIGGER audit_log_chain;

CREATE TRIGGER audit_log_chain AFTER INSERT ON audit_log
WHEN NOT limber_audit_deferred ('chain')
BEGIN
  INSERT INTO audit_chain (audit_id, values_hash, chain_hash)
  VALUES (NEW.id, limber_audit_values_hash (NEW.old_values, NEW.new_values),
          limber_audit_chain_hash ((SELECT chain_hash FROM audit_chain
                                    ORDER BY audit_id DESC LIMIT 1),
                                   NEW.id, NEW.at, NEW.user_name, NEW.action, NEW.table_name,
                                   NEW.row_id,
                                   limber_audit_values_hash (NEW.old_values, NEW.new_values)));
END;
