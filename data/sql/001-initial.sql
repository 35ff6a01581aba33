-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Limber schema 1: patients, courses of care (episodes), goals, sessions,
-- measurements and the append-only audit log.
--
-- The store applies this file inside one transaction that then sets
-- PRAGMA user_version and PRAGMA application_id, so a file is either at
-- schema 0 or complete. Dates are ISO text so that text order is time order;
-- the CHECK constraints keep rows in shape even if another program writes
-- them. Tables are STRICT so that a value of the wrong type is refused
-- instead of being stored as whatever it happens to be.

CREATE TABLE patient (
  id          INTEGER PRIMARY KEY,
  mrn         TEXT NOT NULL UNIQUE
                CHECK (length (mrn) BETWEEN 1 AND 64),
  name        TEXT NOT NULL
                CHECK (trim (name) <> ''),
  birth_date  TEXT
                CHECK (birth_date IS NULL
                       OR birth_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  created_at  TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- The patient list is ordered by name, then chart number.
CREATE INDEX patient_by_name ON patient (name COLLATE NOCASE, mrn);

CREATE TABLE episode (
  id                 INTEGER PRIMARY KEY,
  patient_id         INTEGER NOT NULL
                       REFERENCES patient (id) ON DELETE CASCADE,
  condition          TEXT NOT NULL
                       CHECK (condition <> ''),
  body_region        TEXT,
  side               TEXT NOT NULL DEFAULT ''
                       CHECK (side IN ('', 'left', 'right')),
  onset_date         TEXT
                       CHECK (onset_date IS NULL
                              OR onset_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  start_date         TEXT NOT NULL
                       CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  discharge_date     TEXT
                       CHECK (discharge_date IS NULL
                              OR discharge_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  planned_sessions   INTEGER NOT NULL DEFAULT 0
                       CHECK (planned_sessions BETWEEN 0 AND 100),
  sessions_per_week  INTEGER NOT NULL DEFAULT 0
                       CHECK (sessions_per_week BETWEEN 0 AND 7),
  notes              TEXT,
  UNIQUE (patient_id, condition, start_date),
  CHECK (onset_date IS NULL OR onset_date <= start_date),
  CHECK (discharge_date IS NULL OR discharge_date >= start_date)
) STRICT;

-- A patient's courses of care are listed by start date.
CREATE INDEX episode_by_start ON episode (patient_id, start_date);

CREATE TABLE goal (
  id          INTEGER PRIMARY KEY,
  episode_id  INTEGER NOT NULL
                REFERENCES episode (id) ON DELETE CASCADE,
  measure     TEXT NOT NULL
                CHECK (measure <> ''),
  side        TEXT NOT NULL DEFAULT ''
                CHECK (side IN ('', 'left', 'right')),
  target      REAL NOT NULL,
  UNIQUE (episode_id, measure, side)
) STRICT;

CREATE TABLE session (
  id          INTEGER PRIMARY KEY,
  episode_id  INTEGER NOT NULL
                REFERENCES episode (id) ON DELETE CASCADE,
  date        TEXT NOT NULL
                CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                       OR date GLOB
                            '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]'),
  therapist   TEXT,
  techniques  TEXT,
  notes       TEXT,
  -- Post-treatment soreness 0–10; NULL when not recorded.
  soreness    INTEGER
                CHECK (soreness IS NULL OR soreness BETWEEN 0 AND 10),
  UNIQUE (episode_id, date)
) STRICT;

CREATE TABLE measurement (
  id          INTEGER PRIMARY KEY,
  session_id  INTEGER NOT NULL
                REFERENCES session (id) ON DELETE CASCADE,
  measure     TEXT NOT NULL
                CHECK (measure <> ''),
  side        TEXT NOT NULL DEFAULT ''
                CHECK (side IN ('', 'left', 'right')),
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

-- Who changed what and when. Written only by the triggers below, inside the
-- transaction of the change itself, so that no change can be saved without
-- its audit row. old_values and new_values are JSON objects of the row's
-- columns. limber_audit_user (), limber_audit_action () and
-- limber_audit_json () are defined by the Limber store on its connection
-- (SQLite 3.40's own JSON functions are not allowed in a schema under
-- trusted_schema=OFF), so a program without them cannot change clinical rows
-- behind the audit log's back. limber_audit_json (key, value, ...) builds an
-- object; a BLOB value is JSON text to embed as it is, which is how the
-- measurement's stored arrays stay arrays in the log.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL
                CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T*Z'),
  user_name   TEXT NOT NULL,
  action      TEXT NOT NULL
                CHECK (action <> ''),
  table_name  TEXT NOT NULL
                CHECK (table_name IN ('patient', 'episode', 'goal', 'session', 'measurement')),
  row_id      INTEGER NOT NULL,
  old_values  TEXT
                CHECK (old_values IS NULL OR old_values GLOB '{*}'),
  new_values  TEXT
                CHECK (new_values IS NULL OR new_values GLOB '{*}')
) STRICT;

CREATE INDEX audit_log_by_row ON audit_log (table_name, row_id);

-- The audit log is append-only.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only: its rows cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only: its rows cannot be deleted');
END;

-- patient

CREATE TRIGGER patient_audit_insert AFTER INSERT ON patient
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'patient', NEW.id, NULL,
          limber_audit_json ('mrn', NEW.mrn, 'name', NEW.name, 'birth_date', NEW.birth_date,
                             'created_at', NEW.created_at));
END;

CREATE TRIGGER patient_audit_update AFTER UPDATE ON patient
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'patient', NEW.id,
          limber_audit_json ('mrn', OLD.mrn, 'name', OLD.name, 'birth_date', OLD.birth_date,
                             'created_at', OLD.created_at),
          limber_audit_json ('mrn', NEW.mrn, 'name', NEW.name, 'birth_date', NEW.birth_date,
                             'created_at', NEW.created_at));
END;

CREATE TRIGGER patient_audit_delete AFTER DELETE ON patient
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'patient', OLD.id,
          limber_audit_json ('mrn', OLD.mrn, 'name', OLD.name, 'birth_date', OLD.birth_date,
                             'created_at', OLD.created_at),
          NULL);
END;

-- episode

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
                             'sessions_per_week', NEW.sessions_per_week, 'notes', NEW.notes));
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
                             'sessions_per_week', OLD.sessions_per_week, 'notes', OLD.notes),
          limber_audit_json ('patient_id', NEW.patient_id, 'condition', NEW.condition,
                             'body_region', NEW.body_region, 'side', NEW.side,
                             'onset_date', NEW.onset_date, 'start_date', NEW.start_date,
                             'discharge_date', NEW.discharge_date,
                             'planned_sessions', NEW.planned_sessions,
                             'sessions_per_week', NEW.sessions_per_week, 'notes', NEW.notes));
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
                             'sessions_per_week', OLD.sessions_per_week, 'notes', OLD.notes),
          NULL);
END;

-- goal

CREATE TRIGGER goal_audit_insert AFTER INSERT ON goal
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'goal', NEW.id, NULL,
          limber_audit_json ('episode_id', NEW.episode_id, 'measure', NEW.measure,
                             'side', NEW.side, 'target', NEW.target));
END;

CREATE TRIGGER goal_audit_update AFTER UPDATE ON goal
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'goal', NEW.id,
          limber_audit_json ('episode_id', OLD.episode_id, 'measure', OLD.measure,
                             'side', OLD.side, 'target', OLD.target),
          limber_audit_json ('episode_id', NEW.episode_id, 'measure', NEW.measure,
                             'side', NEW.side, 'target', NEW.target));
END;

CREATE TRIGGER goal_audit_delete AFTER DELETE ON goal
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'goal', OLD.id,
          limber_audit_json ('episode_id', OLD.episode_id, 'measure', OLD.measure,
                             'side', OLD.side, 'target', OLD.target),
          NULL);
END;

-- session

CREATE TRIGGER session_audit_insert AFTER INSERT ON session
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'session', NEW.id, NULL,
          limber_audit_json ('episode_id', NEW.episode_id, 'date', NEW.date,
                             'therapist', NEW.therapist, 'techniques', NEW.techniques,
                             'notes', NEW.notes, 'soreness', NEW.soreness));
END;

CREATE TRIGGER session_audit_update AFTER UPDATE ON session
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'session', NEW.id,
          limber_audit_json ('episode_id', OLD.episode_id, 'date', OLD.date,
                             'therapist', OLD.therapist, 'techniques', OLD.techniques,
                             'notes', OLD.notes, 'soreness', OLD.soreness),
          limber_audit_json ('episode_id', NEW.episode_id, 'date', NEW.date,
                             'therapist', NEW.therapist, 'techniques', NEW.techniques,
                             'notes', NEW.notes, 'soreness', NEW.soreness));
END;

CREATE TRIGGER session_audit_delete AFTER DELETE ON session
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'session', OLD.id,
          limber_audit_json ('episode_id', OLD.episode_id, 'date', OLD.date,
                             'therapist', OLD.therapist, 'techniques', OLD.techniques,
                             'notes', OLD.notes, 'soreness', OLD.soreness),
          NULL);
END;

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
