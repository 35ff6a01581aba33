-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Limber schema 2: the clinic's own details for the letterhead of its reports.
-- One row at most (id 1); a clinic that never entered its details has none, and
-- reports then leave the clinic's name out. The logo is the PNG or SVG file as the
-- clinic chose it; the audit log records its size rather than the picture.

-- The audit log named the five tables of schema 1 in a CHECK, which SQLite cannot
-- change in place: the log is copied row for row into a table that accepts any
-- table name, so that a table added by this or a later schema is audited too.
-- DROP TABLE runs no DELETE trigger, and legacy renaming leaves the other tables'
-- triggers (which write to audit_log by name) as they are.
PRAGMA legacy_alter_table = ON;

CREATE TABLE audit_log_copy (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL
                CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T*Z'),
  user_name   TEXT NOT NULL,
  action      TEXT NOT NULL
                CHECK (action <> ''),
  table_name  TEXT NOT NULL
                CHECK (table_name GLOB '[a-z]*' AND table_name NOT GLOB '*[^a-z_]*'),
  row_id      INTEGER NOT NULL,
  old_values  TEXT
                CHECK (old_values IS NULL OR old_values GLOB '{*}'),
  new_values  TEXT
                CHECK (new_values IS NULL OR new_values GLOB '{*}')
) STRICT;

INSERT INTO audit_log_copy (id, at, user_name, action, table_name, row_id, old_values, new_values)
  SELECT id, at, user_name, action, table_name, row_id, old_values, new_values
  FROM audit_log ORDER BY id;

DROP TABLE audit_log;
ALTER TABLE audit_log_copy RENAME TO audit_log;

PRAGMA legacy_alter_table = OFF;

CREATE INDEX audit_log_by_row ON audit_log (table_name, row_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only: its rows cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only: its rows cannot be deleted');
END;

-- The clinic

CREATE TABLE clinic (
  id       INTEGER PRIMARY KEY
             CHECK (id = 1),
  name     TEXT,
  address  TEXT,
  phone    TEXT,
  email    TEXT,
  logo     BLOB
             CHECK (logo IS NULL OR length (logo) <= 2097152),
  paper    TEXT NOT NULL DEFAULT 'a4'
             CHECK (paper = 'a4' OR paper = 'letter')
) STRICT;

CREATE TRIGGER clinic_audit_insert AFTER INSERT ON clinic
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'clinic', NEW.id, NULL,
          limber_audit_json ('name', NEW.name, 'address', NEW.address, 'phone', NEW.phone,
                             'email', NEW.email, 'logo_bytes', length (NEW.logo),
                             'paper', NEW.paper));
END;

CREATE TRIGGER clinic_audit_update AFTER UPDATE ON clinic
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'clinic', NEW.id,
          limber_audit_json ('name', OLD.name, 'address', OLD.address, 'phone', OLD.phone,
                             'email', OLD.email, 'logo_bytes', length (OLD.logo),
                             'paper', OLD.paper),
          limber_audit_json ('name', NEW.name, 'address', NEW.address, 'phone', NEW.phone,
                             'email', NEW.email, 'logo_bytes', length (NEW.logo),
                             'paper', NEW.paper));
END;

CREATE TRIGGER clinic_audit_delete AFTER DELETE ON clinic
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'clinic', OLD.id,
          limber_audit_json ('name', OLD.name, 'address', OLD.address, 'phone', OLD.phone,
                             'email', OLD.email, 'logo_bytes', length (OLD.logo),
                             'paper', OLD.paper),
          NULL);
END;
