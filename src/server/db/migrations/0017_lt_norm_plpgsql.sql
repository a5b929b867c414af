-- The same normalisation as 0000, in PL/pgSQL. As SQL functions they could not be inlined (unaccent()
-- is STABLE under an IMMUTABLE wrapper), so every statement writing a row with a generated column
-- (documents' search_vector and number_norm, agencies' and people's name_norm) planned both bodies
-- again: about 0.1 ms of each single-row write. PL/pgSQL keeps the plans for the session. The results
-- are identical, so the stored columns and indexes stay valid.
CREATE OR REPLACE FUNCTION lt_unaccent(text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ BEGIN RETURN public.unaccent('public.unaccent'::regdictionary, $1); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lt_norm(text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ BEGIN RETURN btrim(regexp_replace(lower(translate(lt_unaccent($1), 'đĐ', 'dD')), '\s+', ' ', 'g')); END $$;
