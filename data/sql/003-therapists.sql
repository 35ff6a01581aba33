-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Limber schema 3: the clinic's therapists.

-- The therapists a session can name. A session keeps the therapist's name as text
-- (what was written at the time), so renaming or retiring a therapist changes no
-- session. Names are unique regardless of ASCII case, so that "anna berg" is not a
-- second "Anna Berg".
CREATE TABLE therapist (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE
                CHECK (trim (name) <> '' AND length (name) <= 100),
  -- The day the therapist was retired (left the clinic); NULL while active.
  retired_on  TEXT
                CHECK (retired_on IS NULL
                       OR retired_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  created_at  TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TRIGGER therapist_audit_insert AFTER INSERT ON therapist
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'therapist', NEW.id, NULL,
          limber_audit_json ('name', NEW.name, 'retired_on', NEW.retired_on,
                             'created_at', NEW.created_at));
END;

CREATE TRIGGER therapist_audit_update AFTER UPDATE ON therapist
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'therapist', NEW.id,
          limber_audit_json ('name', OLD.name, 'retired_on', OLD.retired_on,
                             'created_at', OLD.created_at),
          limber_audit_json ('name', NEW.name, 'retired_on', NEW.retired_on,
                             'created_at', NEW.created_at));
END;

CREATE TRIGGER therapist_audit_delete AFTER DELETE ON therapist
BEGIN
  INSERT INTO audit_log (at, user_name, action, table_name, row_id, old_values, new_values)
  VALUES (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'), limber_audit_user (), limber_audit_action (),
          'therapist', OLD.id,
          limber_audit_json ('name', OLD.name, 'retired_on', OLD.retired_on,
                             'created_at', OLD.created_at),
          NULL);
END;

-- A session naming a therapist who is not on the list yet (from an import, say) puts
-- them on it, so that the list is the clinic's whole staff without typing it twice.
-- A retired or renamed therapist is left as they are.
CREATE TRIGGER session_lists_therapist AFTER INSERT ON session
WHEN NEW.therapist IS NOT NULL AND trim (NEW.therapist) <> ''
     AND length (trim (NEW.therapist)) <= 100
BEGIN
  INSERT OR IGNORE INTO therapist (name) VALUES (trim (NEW.therapist));
END;

CREATE TRIGGER session_update_lists_therapist AFTER UPDATE OF therapist ON session
WHEN NEW.therapist IS NOT NULL AND trim (NEW.therapist) <> ''
     AND length (trim (NEW.therapist)) <= 100
BEGIN
  INSERT OR IGNORE INTO therapist (name) VALUES (trim (NEW.therapist));
END;

-- A clinic upgrading from schema 1 finds the therapists its sessions already name.
INSERT INTO therapist (name)
  SELECT min (trim (therapist)) FROM session
  WHERE therapist IS NOT NULL AND trim (therapist) <> '' AND length (trim (therapist)) <= 100
  GROUP BY trim (therapist) COLLATE NOCASE
  ORDER BY 1;
