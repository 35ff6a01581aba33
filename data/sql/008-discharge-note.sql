-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Limber schema 8: a course of care's discharge note apart from its intake note.
--
-- Until now the Discharge window showed and saved the course's one note, so that
-- discharging replaced what was written when the course started, and the discharge
-- summary printed whichever note was written last. The note written at the start
-- stays in notes; the discharge note gets a column of its own.
--
-- Which existing notes move: the audit log says who wrote each note. A course that
-- is discharged and whose note was last written by discharging it (one or more
-- "discharge course of care" entries with nothing else changing the note since)
-- keeps that text as its discharge note, which is what its discharge summary has
-- printed all along; its intake note becomes again what the note was just before
-- the first of those discharges, as the log recorded it. Every other note (written
-- when the course was started or edited, by an import or by the demo clinic, or a
-- course whose entries were erased with its patient) is an intake note and stays.
-- Nothing is lost: the text replaced in notes is the discharge note, and the text
-- put back is the log's own.

ALTER TABLE episode ADD COLUMN discharge_note TEXT;

-- The course's audit rows carry the new column too.
DROP TRIGGER episode_audit_insert;
DROP TRIGGER episode_audit_update;
DROP TRIGGER episode_audit_delete;

CREATE TRIGGER episode_audit_insert AFTER INSERT ON episode
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'episode', NEW.id, NULL,
          limber_audit_json ('patient_id', NEW.patient_id, 'condition', NEW.condition,
                             'body_region', NEW.body_region, 'side', NEW.side,
                             'onset_date', NEW.onset_date, 'start_date', NEW.start_date,
                             'discharge_date', NEW.discharge_date,
                             'planned_sessions', NEW.planned_sessions,
                             'sessions_per_week', NEW.sessions_per_week, 'notes', NEW.notes,
                             'discharge_note', NEW.discharge_note));
END;

CREATE TRIGGER episode_audit_update AFTER UPDATE ON episode
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'episode', NEW.id,
          limber_audit_json ('patient_id', OLD.patient_id, 'condition', OLD.condition,
                             'body_region', OLD.body_region, 'side', OLD.side,
                             'onset_date', OLD.onset_date, 'start_date', OLD.start_date,
                             'discharge_date', OLD.discharge_date,
                             'planned_sessions', OLD.planned_sessions,
                             'sessions_per_week', OLD.sessions_per_week, 'notes', OLD.notes,
                             'discharge_note', OLD.discharge_note),
          limber_audit_json ('patient_id', NEW.patient_id, 'condition', NEW.condition,
                             'body_region', NEW.body_region, 'side', NEW.side,
                             'onset_date', NEW.onset_date, 'start_date', NEW.start_date,
                             'discharge_date', NEW.discharge_date,
                             'planned_sessions', NEW.planned_sessions,
                             'sessions_per_week', NEW.sessions_per_week, 'notes', NEW.notes,
                             'discharge_note', NEW.discharge_note));
END;

CREATE TRIGGER episode_audit_delete AFTER DELETE ON episode
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'episode', OLD.id,
          limber_audit_json ('patient_id', OLD.patient_id, 'condition', OLD.condition,
                             'body_region', OLD.body_region, 'side', OLD.side,
                             'onset_date', OLD.onset_date, 'start_date', OLD.start_date,
                             'discharge_date', OLD.discharge_date,
                             'planned_sessions', OLD.planned_sessions,
                             'sessions_per_week', OLD.sessions_per_week, 'notes', OLD.notes,
                             'discharge_note', OLD.discharge_note),
          NULL);
END;

-- The move, after the new triggers: each course it changes gets an audit entry
-- ("upgrade to schema 8") with both notes, chained like every other.
WITH
  -- Every entry that wrote a course's note: its insert, and each update that
  -- changed the note (erased entries have no values and are left out).
  note_change (id, episode_id, by_discharge, before) AS (
    SELECT id, row_id, action = 'discharge course of care',
           json_extract (old_values, '$.notes')
    FROM audit_log
    WHERE table_name = 'episode' AND new_values IS NOT NULL
      AND (old_values IS NULL
           OR json_extract (old_values, '$.notes')
                IS NOT json_extract (new_values, '$.notes'))),
  -- The last entry that wrote it otherwise than by discharging.
  last_other (episode_id, id) AS (
    SELECT episode_id, max (id) FROM note_change WHERE NOT by_discharge GROUP BY episode_id),
  -- The first discharge that wrote it since: the note it replaced is the intake note.
  discharge_written (episode_id, intake_note) AS (
    SELECT c.episode_id, c.before
    FROM note_change AS c LEFT JOIN last_other AS o ON o.episode_id = c.episode_id
    WHERE c.by_discharge AND c.id > ifnull (o.id, 0)
      AND c.id = (SELECT min (d.id) FROM note_change AS d
                  WHERE d.episode_id = c.episode_id AND d.by_discharge
                    AND d.id > ifnull (o.id, 0)))
UPDATE episode
SET discharge_note = notes,
    notes = (SELECT intake_note FROM discharge_written AS w WHERE w.episode_id = episode.id)
WHERE discharge_date IS NOT NULL AND notes IS NOT NULL
  AND id IN (SELECT episode_id FROM discharge_written);
