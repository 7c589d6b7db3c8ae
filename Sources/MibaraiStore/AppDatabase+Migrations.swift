import GRDB

extension AppDatabase {
    /// Schema history. Append new migrations; never edit a shipped one.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: reports and blinded records") { db in
            // The shop's own reports, with the raw identity. Never leaves this file.
            try db.execute(sql: """
                CREATE TABLE report (
                    id BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
                    name TEXT, name_kana TEXT, postal_code TEXT, address TEXT, phone TEXT, email TEXT,
                    category INTEGER NOT NULL,
                    amount_yen INTEGER NOT NULL CHECK (amount_yen >= 0),
                    order_reference TEXT,
                    order_date TEXT, ship_date TEXT, incident_date TEXT NOT NULL,
                    status INTEGER NOT NULL,
                    notes TEXT,
                    created_on TEXT NOT NULL,
                    expires_on TEXT NOT NULL
                ) STRICT;
                CREATE INDEX report_by_status ON report(status, incident_date);
                CREATE INDEX report_by_order ON report(order_reference);

                -- What happened to each report, in order: recorded, status changes, withdrawal.
                CREATE TABLE report_event (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    report_id BLOB NOT NULL REFERENCES report(id) ON DELETE CASCADE,
                    recorded_on TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    detail TEXT
                ) STRICT;
                CREATE INDEX report_event_by_report ON report_event(report_id, seq);

                -- Blinded records: tokens and minimal metadata, from this node and (later) others.
                -- The rowid is the first 8 bytes of the record id (big-endian, signed); `uid` holds
                -- all 16 and is checked on every write, so a colliding id is refused, never merged.
                -- `tokens` holds every token value in full (16 bytes each) in type order; `token_types`
                -- is the bit mask of the types present (bit n-1 for type n). Days are counted from
                -- 1970-01-01; `month` is yyyymm.
                CREATE TABLE blinded_record (
                    rowid INTEGER PRIMARY KEY,
                    uid BLOB NOT NULL CHECK (length(uid) = 16),
                    origin TEXT NOT NULL,
                    epoch INTEGER NOT NULL,
                    category INTEGER NOT NULL,
                    amount_yen INTEGER NOT NULL,
                    month INTEGER NOT NULL,
                    status INTEGER NOT NULL,
                    expires_day INTEGER NOT NULL,
                    token_types INTEGER NOT NULL,
                    tokens BLOB NOT NULL
                ) STRICT;
                CREATE INDEX blinded_record_by_expiry ON blinded_record(expires_day);

                -- The lookup index: the first 8 bytes of each token (signed big-endian) → record.
                -- Candidates are confirmed against the full tokens of the record.
                CREATE TABLE blinded_token (
                    token INTEGER NOT NULL,
                    record INTEGER NOT NULL,
                    PRIMARY KEY (token, record)
                ) STRICT, WITHOUT ROWID;
                """)
        }
        m.registerMigration("v2: dunning cases") { db in
            // Unpaid orders the shop is chasing, with the customer's raw identity (never leaves this
            // file). `stage` and `closed_on` repeat what the events say, for listing without them.
            try db.execute(sql: """
                CREATE TABLE dunning_case (
                    number INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT, name_kana TEXT, postal_code TEXT, address TEXT, phone TEXT, email TEXT,
                    order_reference TEXT, order_date TEXT, ship_date TEXT, due_date TEXT,
                    carrier TEXT, tracking_number TEXT, payment_method TEXT, items TEXT,
                    amount_yen INTEGER NOT NULL CHECK (amount_yen > 0),
                    opened_on TEXT NOT NULL,
                    deliberate INTEGER NOT NULL DEFAULT 0,
                    report_id BLOB REFERENCES report(id) ON DELETE SET NULL,
                    stage INTEGER,
                    closed_on TEXT
                ) STRICT;
                CREATE INDEX dunning_case_open ON dunning_case(closed_on, number);
                CREATE INDEX dunning_case_by_order ON dunning_case(order_reference);

                -- The timeline of each case, in the order things happened. Codes as in
                -- CaseEventKind, DunningStage and CaseOutcome.
                CREATE TABLE case_event (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    case_number INTEGER NOT NULL REFERENCES dunning_case(number) ON DELETE CASCADE,
                    day TEXT NOT NULL,
                    kind INTEGER NOT NULL,
                    stage INTEGER,
                    amount_yen INTEGER,
                    promised_date TEXT,
                    outcome INTEGER,
                    note TEXT
                ) STRICT;
                CREATE INDEX case_event_by_case ON case_event(case_number, seq);
                """)
        }
        m.registerMigration("v3: screened orders") { db in
            // The velocity history of order screening: one row per screened order, holding only
            // keyed tokens (16-byte HMACs under the node's own velocity key), never a value.
            // The rowid is the first 8 bytes of the keyed order reference (signed big-endian), so
            // screening an order again replaces its row; an order without a reference gets a
            // random rowid.
            try db.execute(sql: """
                CREATE TABLE screened_order (
                    rowid INTEGER PRIMARY KEY,
                    name_key BLOB, phone_key BLOB, email_key BLOB, address_key BLOB,
                    placed_at INTEGER NOT NULL,
                    pay_later INTEGER NOT NULL,
                    score INTEGER NOT NULL,
                    decision INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX screened_order_by_time ON screened_order(placed_at);
                """)
        }
        m.registerMigration("v4: federation log") { db in
            // Every verified log entry this node holds, its own and other origins', exactly as
            // signed and received (Protocol/federation.md): the gossip serves them to peers and a
            // restarted node rebuilds its log from them. `origin` is the 32-byte node id.
            try db.execute(sql: """
                CREATE TABLE log_entry (
                    origin BLOB NOT NULL CHECK (length(origin) = 32),
                    seq INTEGER NOT NULL CHECK (seq >= 1),
                    entry BLOB NOT NULL,
                    PRIMARY KEY (origin, seq)
                ) STRICT, WITHOUT ROWID;

                -- Proofs of equivocation: two validly signed entries of one origin that conflict.
                CREATE TABLE log_proof (
                    origin BLOB PRIMARY KEY NOT NULL CHECK (length(origin) = 32),
                    held BLOB NOT NULL,
                    conflicting BLOB NOT NULL
                ) STRICT;

                -- Entries handed to the node by a command (the operator's log from a join bundle or
                -- an update): the running node verifies them, keeps what passes and empties this.
                CREATE TABLE log_inbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    entry BLOB NOT NULL
                ) STRICT;

                -- The node reads its own records (origin = its name) on every gossip tick.
                CREATE INDEX blinded_record_by_origin ON blinded_record(origin);
                """)
        }
        m.registerMigration("v5: record changes waiting for the index") { db in
            // A node catching up (pulling full deltas) keeps its peers' entries in log_entry at
            // once and notes here which record each one changes; the changes are applied to
            // blinded_record and blinded_token later, many at a time, in record order
            // (AppDatabase+PendingRecords.swift). `record` is the blinded_record rowid the entry
            // changes, (`origin`, `seq`) the log_entry row holding it, `name` the origin's member
            // name (blinded_record.origin). Empty whenever the node is caught up.
            try db.execute(sql: """
                CREATE TABLE log_pending (
                    id INTEGER PRIMARY KEY,
                    record INTEGER NOT NULL,
                    origin BLOB NOT NULL CHECK (length(origin) = 32),
                    seq INTEGER NOT NULL,
                    name TEXT NOT NULL
                ) STRICT;
                """)
        }
        m.registerMigration("v6: local change version") { db in
            // A number that grows whenever this node's own reports, its own blinded records or
            // the inbox change, in the same transaction as the change, whichever process makes
            // it (a command or `serve`). The gossip reads it each tick and reads the node's own
            // records again only when it moved (AppDatabase+LocalChange.swift).
            try db.execute(sql: """
                CREATE TABLE local_change (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    version INTEGER NOT NULL
                ) STRICT;
                INSERT INTO local_change (id, version) VALUES (1, 0);
                CREATE TRIGGER local_change_report_insert AFTER INSERT ON report
                    BEGIN UPDATE local_change SET version = version + 1 WHERE id = 1; END;
                CREATE TRIGGER local_change_report_update AFTER UPDATE ON report
                    BEGIN UPDATE local_change SET version = version + 1 WHERE id = 1; END;
                CREATE TRIGGER local_change_report_delete AFTER DELETE ON report
                    BEGIN UPDATE local_change SET version = version + 1 WHERE id = 1; END;
                CREATE TRIGGER local_change_inbox_insert AFTER INSERT ON log_inbox
                    BEGIN UPDATE local_change SET version = version + 1 WHERE id = 1; END;
                """)
        }
        m.registerMigration("v7: own log recovery") { db in
            // Present while this node, restored from a backup, has not yet taken back from a peer
            // the end of its own log that the backup may lack (AppDatabase+OwnLogRecovery.swift).
            try db.execute(sql: """
                CREATE TABLE own_log_recovery (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    restored_on TEXT NOT NULL
                ) STRICT;
                """)
        }
        m.registerMigration("v8: refused cash-on-delivery parcels") { db in
            // A refused cash-on-delivery parcel: the day it was refused and what the shop's loss is
            // made of (the case's amount is then the loss, not the price).
            try db.execute(sql: """
                ALTER TABLE dunning_case ADD COLUMN refused_on TEXT;
                ALTER TABLE dunning_case ADD COLUMN loss_detail TEXT;
                """)
        }
        m.registerMigration("v9: delivery date and event times") { db in
            // The day the parcel was delivered, and the time of an event when the shop noted it
            // (HH:MM), for the evidence file.
            try db.execute(sql: """
                ALTER TABLE dunning_case ADD COLUMN delivered_on TEXT;
                ALTER TABLE case_event ADD COLUMN time TEXT;
                """)
        }
        m.registerMigration("v10: suppressions") { db in
            // The operator's suppressions in force (`suppress` entries of its log not yet lifted,
            // Protocol/federation.md): an impersonation victim's tokens, which make no match.
            // Kept as the operator's entries are saved (AppDatabase+Suppressions.swift); the
            // entries themselves stay in log_entry. Tokens only, as in blinded_token: never a value.
            try db.execute(sql: """
                CREATE TABLE suppression (
                    id BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
                    reason INTEGER NOT NULL
                ) STRICT, WITHOUT ROWID;
                CREATE TABLE suppressed_token (
                    token BLOB NOT NULL CHECK (length(token) = 16),
                    type INTEGER NOT NULL,
                    epoch INTEGER NOT NULL,
                    suppression BLOB NOT NULL CHECK (length(suppression) = 16),
                    PRIMARY KEY (token, type, suppression)
                ) STRICT, WITHOUT ROWID;
                CREATE INDEX suppressed_token_by_suppression ON suppressed_token(suppression);
                """)
        }
        m.registerMigration("v11: review requests") { db in
            // The operator's review requests (data-subject requests, `review_request` entries) and
            // the origins' answers (`review_answer`), Protocol/federation.md: record keys, kinds,
            // deadlines and the answers' reasons; never a person's value or token. Kept as the
            // entries are saved (AppDatabase+Reviews.swift); the entries stay in log_entry.
            // review_answer_outbox: this node's answers, recorded by `report review-answer`, which
            // the gossip signs once its log allows them (a corrected record withdrawn first).
            try db.execute(sql: """
                CREATE TABLE review_request (
                    id BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
                    kind INTEGER NOT NULL,
                    deadline INTEGER NOT NULL
                ) STRICT, WITHOUT ROWID;
                CREATE TABLE review_request_record (
                    request BLOB NOT NULL CHECK (length(request) = 16),
                    origin BLOB NOT NULL CHECK (length(origin) = 32),
                    publication BLOB NOT NULL CHECK (length(publication) = 16),
                    PRIMARY KEY (request, origin, publication)
                ) STRICT, WITHOUT ROWID;
                CREATE INDEX review_request_record_by_publication ON review_request_record(publication);
                CREATE TABLE review_answer (
                    origin BLOB NOT NULL CHECK (length(origin) = 32),
                    request BLOB NOT NULL CHECK (length(request) = 16),
                    publication BLOB NOT NULL CHECK (length(publication) = 16),
                    answer INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    PRIMARY KEY (origin, request, publication)
                ) STRICT, WITHOUT ROWID;
                CREATE TABLE review_answer_outbox (
                    request BLOB NOT NULL CHECK (length(request) = 16),
                    publication BLOB NOT NULL CHECK (length(publication) = 16),
                    answer INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    PRIMARY KEY (request, publication)
                ) STRICT, WITHOUT ROWID;
                """)
        }
        m.registerMigration("v12: sealed messages") { db in
            // `sealed_message` entries (Protocol/federation.md, "Sealed messages") addressed to this
            // node or sent by it, as the log takes them: still sealed (`body` is the entry's body);
            // `mibarai contact` opens those addressed to this node with its sealing key. The
            // outbox holds what this shop writes: the plaintext it sealed (only the recipient can
            // open the entry) and the sealed body, signed into its log by the running node; the
            // case it is for, if any (`case evidence --joint`); for an answer, the request's id.
            try db.execute(sql: """
                CREATE TABLE sealed_message (
                    origin BLOB NOT NULL CHECK (length(origin) = 32),
                    id BLOB NOT NULL CHECK (length(id) = 16),
                    seq INTEGER NOT NULL,
                    recipient BLOB NOT NULL CHECK (length(recipient) = 32),
                    body BLOB NOT NULL,
                    PRIMARY KEY (origin, id)
                ) STRICT, WITHOUT ROWID;
                CREATE TABLE contact_outbox (
                    id BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
                    recipient BLOB NOT NULL CHECK (length(recipient) = 32),
                    recipient_name TEXT NOT NULL,
                    written_on TEXT NOT NULL,
                    plaintext BLOB NOT NULL,
                    body BLOB NOT NULL,
                    case_number INTEGER,
                    in_reply_to BLOB CHECK (in_reply_to IS NULL OR length(in_reply_to) = 16)
                ) STRICT;
                -- One answer per request (a request is named by its sender and its id).
                CREATE UNIQUE INDEX contact_outbox_one_answer ON contact_outbox(recipient, in_reply_to) WHERE in_reply_to IS NOT NULL;
                """)
        }
        m.registerMigration("v13: lookup audit") { db in
            // A hub's record of every lookup a member asked of it (Protocol/hub-api.md, "Audit"):
            // when (`at`, seconds since 1970; `day`, the Japan day), which member, how many
            // identities, how many of them found a record, why (`purpose`), whether it was refused
            // over quota, and the order references the member sent (16-byte keyed hashes, one
            // after another). Never a token. `check_log` is a shop's own record of what it asked
            // the hubs. Both are kept for `[federation] audit_retention_days`.
            try db.execute(sql: """
                CREATE TABLE lookup_audit (
                    id INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    day INTEGER NOT NULL,
                    member BLOB NOT NULL CHECK (length(member) = 32),
                    identities INTEGER NOT NULL,
                    hits INTEGER NOT NULL,
                    purpose TEXT NOT NULL,
                    refused INTEGER NOT NULL,
                    refs BLOB NOT NULL
                ) STRICT;
                CREATE INDEX lookup_audit_by_member_day ON lookup_audit(member, day);
                CREATE INDEX lookup_audit_by_at ON lookup_audit(at);
                CREATE TABLE check_log (
                    id INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    purpose TEXT NOT NULL,
                    identities INTEGER NOT NULL,
                    answered INTEGER NOT NULL,
                    refs BLOB NOT NULL
                ) STRICT;
                CREATE INDEX check_log_by_at ON check_log(at);
                """)
        }
        m.registerMigration("v14: log entries by record") { db in
            // A node's log keeps in memory only what does not grow with the records it holds
            // (MibaraiCore `LogArchive`); it reads back the entries that name one record — a
            // `publish`, `status` or `withdraw` body begins with the 16-byte report id, right after
            // the entry's 78-byte header (Protocol/federation.md, "Entry format") — through this
            // index. Other kinds' bytes at that place are indexed too and told apart when read.
            try db.execute(sql: """
                CREATE INDEX log_entry_by_record ON log_entry(origin, substr(entry, 79, 16));
                """)
        }
        return m
    }
}
