-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Limber schema 9: a patient's rating at discharge is not a treatment visit.
--
-- The Discharge window keeps the patient's global impression of change (PGIC) with
-- the course's last session; a course without sessions got a session on the
-- discharge day that held only the rating, and that session counted as a visit in
-- attendance, the sessions list, charts, reports and the clinic's figures. Such a
-- session is now an outcome contact: the rating keeps its day and its place among
-- the course's values, and no count of visits includes it.
--
-- Which existing sessions become outcome contacts: the audit log says who made each
-- session. A session whose last insert was made by discharging a course ("discharge
-- course of care"), and that still records nothing but the rating (no therapist,
-- techniques, notes or soreness, no value other than prom.pgic), was made by the
-- Discharge window and never became a visit. Every other session is a visit and
-- stays one: those recorded in the session editor or imported (even with only a
-- PGIC), made by the demo clinic, put back by Undo, and those the discharge made but
-- someone has since recorded treatment in.

ALTER TABLE session ADD COLUMN outcome_contact INTEGER NOT NULL DEFAULT 0
  CHECK (outcome_contact IN (0, 1));

-- The session's audit rows carry the new column too.
DROP TRIGGER session_audit_insert;
DROP TRIGGER session_audit_update;
DROP TRIGGER session_audit_delete;

CREATE TRIGGER session_audit_insert AFTER INSERT ON session
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'session', NEW.id, NULL,
          limber_audit_json ('episode_id', NEW.episode_id, 'date', NEW.date,
                             'therapist', NEW.therapist, 'techniques', NEW.techniques,
                             'notes', NEW.notes, 'soreness', NEW.soreness,
                             'outcome_contact', NEW.outcome_contact));
END;

CREATE TRIGGER session_audit_update AFTER UPDATE ON session
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'session', NEW.id,
          limber_audit_json ('episode_id', OLD.episode_id, 'date', OLD.date,
                             'therapist', OLD.therapist, 'techniques', OLD.techniques,
                             'notes', OLD.notes, 'soreness', OLD.soreness,
                             'outcome_contact', OLD.outcome_contact),
          limber_audit_json ('episode_id', NEW.episode_id, 'date', NEW.date,
                             'therapist', NEW.therapist, 'techniques', NEW.techniques,
                             'notes', NEW.notes, 'soreness', NEW.soreness,
                             'outcome_contact', NEW.outcome_contact));
END;

CREATE TRIGGER session_audit_delete AFTER DELETE ON session
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'session', OLD.id,
          limber_audit_json ('episode_id', OLD.episode_id, 'date', OLD.date,
                             'therapist', OLD.therapist, 'techniques', OLD.techniques,
                             'notes', OLD.notes, 'soreness', OLD.soreness,
                             'outcome_contact', OLD.outcome_contact),
          NULL);
END;

-- The move, after the new triggers: each session it changes gets an audit entry
-- ("upgrade to schema 9"), chained like every other.
WITH
  -- The entry that made each session as it is now: its last insert (an id freed by a
  -- deletion can be given to another session later). One pass over the log.
  last_insert (session_id, audit_id) AS (
    SELECT row_id, max (id) FROM audit_log
    WHERE table_name = 'session' AND old_values IS NULL AND new_values IS NOT NULL
    GROUP BY row_id),
  made_by_discharge (session_id) AS (
    SELECT l.session_id FROM last_insert AS l JOIN audit_log AS a ON a.id = l.audit_id
    WHERE a.action = 'discharge course of care')
UPDATE session
SET outcome_contact = 1
WHERE id IN (SELECT session_id FROM made_by_discharge)
  AND nullif (trim (therapist), '') IS NULL
  AND nullif (trim (techniques), '') IS NULL
  AND nullif (trim (notes), '') IS NULL
  AND soreness IS NULL
  AND NOT EXISTS (SELECT 1 FROM measurement AS m
                  WHERE m.session_id = session.id AND m.measure <> 'prom.pgic');
