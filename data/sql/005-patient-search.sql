-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Limber schema 5: an index for the patient search.
--
-- The search of the patient list finds any part of a name or chart number while
-- the user types, in a clinic of tens of thousands of patients. A trigram index
-- answers such a search without reading every patient. Its text is the patient's
-- name and chart number folded by limber_search_text (), the same folding of case
-- and accents as the search box's, a function that only Limber registers.
--
-- SQLite refuses to write a virtual table from a trigger under
-- trusted_schema=OFF, so the store keeps this index in step with the patient table
-- itself, in the transaction of each change. It holds nothing that the patient
-- table does not, and every change to it follows a patient change that the audit
-- log records, so it has no audit triggers of its own.

CREATE VIRTUAL TABLE patient_search USING fts5 (text, tokenize = 'trigram');

INSERT INTO patient_search (rowid, text)
SELECT id, limber_search_text (name, mrn) FROM patient;
