-- The admin console lists the audit log newest first by (at, id) and pages it by that key,
-- filtered by account, by event, by dates or by several at once. Each index ends with
-- (at, id) so that every combination is a short range scan of one index, not a sort of the
-- whole log: (account_id, at, id) and (event, at, id) for those filters, (at, id) for dates
-- alone and for no filter. They replace the indexes of 0001, which they cover.
DROP INDEX audit_log_account;
DROP INDEX audit_log_event;
DROP INDEX audit_log_at;
CREATE INDEX audit_log_account_at ON audit_log(account_id, at, id);
CREATE INDEX audit_log_event_at ON audit_log(event, at, id);
CREATE INDEX audit_log_at_id ON audit_log(at, id);

-- The inbox lists handled requests newest first.
CREATE INDEX admin_requests_handled ON admin_requests(handled_at, id);
