-- FW-3 with ENC-1: an allow-listed outside recipient who may receive case mail only S/MIME-encrypted.
ALTER TABLE allow_list ADD COLUMN encrypted_only BOOLEAN NOT NULL DEFAULT FALSE;
