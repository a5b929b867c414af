-- Extensions for Vietnamese search; both exist in PGlite and PostgreSQL (trusted since PG 13).
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- unaccent() is STABLE (it reads a dictionary chosen by search_path), so it cannot feed generated
-- columns or index expressions. This wrapper pins the dictionary and is declared IMMUTABLE.
CREATE OR REPLACE FUNCTION lt_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
-- The SQL twin of normalizeVi() in src/shared/vi-text.ts: no diacritics, đ→d, lower case, single spaces.
CREATE OR REPLACE FUNCTION lt_norm(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT btrim(regexp_replace(lower(translate(lt_unaccent($1), 'đĐ', 'dD')), '\s+', ' ', 'g')) $$;
