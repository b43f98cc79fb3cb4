-- The language an account last signed in with ('en', 'fr'): messages written for that person
-- rather than for whoever caused them (an administrator's alert about a user's request is in
-- the administrator's language, not the user's). Empty until the first sign-in.
ALTER TABLE accounts ADD COLUMN language TEXT;
