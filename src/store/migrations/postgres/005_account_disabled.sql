-- R28: a disabled account keeps everything but cannot log in; NULL = enabled.
ALTER TABLE accounts ADD COLUMN disabled_at BIGINT;
