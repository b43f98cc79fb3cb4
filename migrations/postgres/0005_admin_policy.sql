-- Admin console, policy, groups and questions (SPEC §5): how many accounts answered each
-- question is counted on the question list and when a question is retired; group names are
-- unique whatever their case.

CREATE INDEX security_answers_question ON security_answers(question_id);
CREATE UNIQUE INDEX groups_name_folded ON groups(lower(name));
