-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Limber schema 6: a patient's contact details and notes, and archiving.

ALTER TABLE patient ADD COLUMN sex TEXT
  CHECK (sex IS NULL OR sex IN ('female', 'male', 'other'));
ALTER TABLE patient ADD COLUMN phone TEXT
  CHECK (phone IS NULL OR length (phone) BETWEEN 1 AND 40);
ALTER TABLE patient ADD COLUMN email TEXT
  CHECK (email IS NULL OR (length (email) <= 254 AND email GLOB '?*@?*'));
ALTER TABLE patient ADD COLUMN notes TEXT;
-- The day the patient was archived (left the patient list); NULL while in care.
ALTER TABLE patient ADD COLUMN archived_on TEXT
  CHECK (archived_on IS NULL
         OR archived_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');

-- The patient's audit rows carry the new columns too.
DROP TRIGGER patient_audit_insert;
DROP TRIGGER patient_audit_update;
DROP TRIGGER patient_audit_delete;

CREATE TRIGGER patient_audit_insert AFTER INSERT ON patient
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'patient', NEW.id, NULL,
          limber_audit_json ('mrn', NEW.mrn, 'name', NEW.name, 'birth_date', NEW.birth_date,
                             'sex', NEW.sex, 'phone', NEW.phone, 'email', NEW.email,
                             'notes', NEW.notes, 'archived_on', NEW.archived_on,
                             'created_at', NEW.created_at));
END;

CREATE TRIGGER patient_audit_update AFTER UPDATE ON patient
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'patient', NEW.id,
          limber_audit_json ('mrn', OLD.mrn, 'name', OLD.name, 'birth_date', OLD.birth_date,
                             'sex', OLD.sex, 'phone', OLD.phone, 'email', OLD.email,
                             'notes', OLD.notes, 'archived_on', OLD.archived_on,
                             'created_at', OLD.created_at),
          limber_audit_json ('mrn', NEW.mrn, 'name', NEW.name, 'birth_date', NEW.birth_date,
                             'sex', NEW.sex, 'phone', NEW.phone, 'email', NEW.email,
                             'notes', NEW.notes, 'archived_on', NEW.archived_on,
                             'created_at', NEW.created_at));
END;

CREATE TRIGGER patient_audit_delete AFTER DELETE ON patient
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'patient', OLD.id,
          limber_audit_json ('mrn', OLD.mrn, 'name', OLD.name, 'birth_date', OLD.birth_date,
                             'sex', OLD.sex, 'phone', OLD.phone, 'email', OLD.email,
                             'notes', OLD.notes, 'archived_on', OLD.archived_on,
                             'created_at', OLD.created_at),
          NULL);
END;
