-- Every change that can alter what a session may do (the session itself, its person, their
-- positions) tells every server process, which then drops its cached copy of that person's sessions
-- (src/server/platform/access/session-cache.ts). NOTIFY is transactional: delivered at commit.
CREATE OR REPLACE FUNCTION lt_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE pid uuid;
BEGIN
  IF TG_TABLE_NAME = 'people' THEN pid := COALESCE(NEW.id, OLD.id);
  ELSE pid := COALESCE(NEW.person_id, OLD.person_id);
  END IF;
  PERFORM pg_notify('lt_session_changed', pid::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_changed AFTER UPDATE OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION lt_session_changed();
--> statement-breakpoint
CREATE TRIGGER people_changed AFTER UPDATE OR DELETE ON people
  FOR EACH ROW EXECUTE FUNCTION lt_session_changed();
--> statement-breakpoint
CREATE TRIGGER positions_changed AFTER INSERT OR UPDATE OR DELETE ON positions
  FOR EACH ROW EXECUTE FUNCTION lt_session_changed();
