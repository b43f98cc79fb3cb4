-- Registration portal (SPEC §2): the ten predefined security questions (their texts live in
-- the translation catalogues under these keys), and the channel a code was sent by.

INSERT INTO questions (predefined_key, position) VALUES
    ('first_pet', 1),
    ('birth_city', 2),
    ('first_school', 3),
    ('childhood_friend', 4),
    ('first_job', 5),
    ('favourite_teacher', 6),
    ('first_concert', 7),
    ('childhood_street', 8),
    ('first_car', 9),
    ('grandmother_name', 10);

ALTER TABLE codes ADD COLUMN channel TEXT NOT NULL DEFAULT 'email';
CREATE INDEX codes_flow_purpose ON codes(flow_id, purpose, created_at);
