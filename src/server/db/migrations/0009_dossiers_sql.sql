-- What the agency archive received stays as received: archive records and dossier tombstones are
-- never updated or deleted by the application, and the database refuses it too.
CREATE OR REPLACE FUNCTION lt_read_only_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is read-only', TG_TABLE_NAME;
END $$;
--> statement-breakpoint
CREATE TRIGGER archive_records_read_only BEFORE UPDATE OR DELETE ON archive_records
  FOR EACH ROW EXECUTE FUNCTION lt_read_only_row();
--> statement-breakpoint
CREATE TRIGGER dossier_tombstones_read_only BEFORE UPDATE OR DELETE ON dossier_tombstones
  FOR EACH ROW EXECUTE FUNCTION lt_read_only_row();
