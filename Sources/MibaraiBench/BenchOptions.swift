import Foundation

/// The command line, parsed by hand (the bench has no argument-parser dependency).
struct BenchOptions {
    var records = 1_000_000
    var identities = 200_000
    var lookups = 100_000
    var batch = 1_000
    var loadBatch = 10_000
    var seed: UInt64 = 20_260_401
    var json = false
    var quick = false
    var corpus: String?
    var directory: String?
    var keep = false
    var skipBlind = false
    var skipStore = false
    var onlyGossip = false
    var gossipNodes = [100, 1_000, 5_000]
    var gossipTrials = 5
    var gossipBurst = 100
    var gossipOrigins = 500
    var gossipOverlap = false
    var gossipNaive = false
    var gossipHintRounds: Int?
    /// Parts 4 and 5: order screening from a CSV file, and the HTTP API under load.
    var screening = false
    var orders = 100_000
    var apiRequests = 20_000
    /// `--no-api`: part 4 without part 5.
    var skipAPI = false
    var concurrency = 200
    /// Parts 7 and 8: real `mibarai serve` processes (bootstrap of a new node; mTLS handshakes).
    var bootstrap = false
    var handshakes = false
    var bootstrapRecords = 1_000_000
    var bootstrapOrigins = 10
    var handshakeSeconds = 10.0
    var handshakeConcurrency = 16
    /// Part 8 alternates hub and baseline runs this many times and reports the medians, so a
    /// machine whose speed drifts during the part moves both sides alike.
    var handshakeRounds = 3
    /// Part 10: a shop's lookups through a hub (real process) beside the hub's own lookup in process.
    var hubLookups = false
    var hubBatches = 100
    var hubSingles = 2_000
    /// Part 9: the web page of a real `mibarai serve` (pages beside their baselines; a CSV upload
    /// beside `check --csv`).
    var web = false
    var webRequests = 2_000
    var webConcurrency = 4
    var webReports = 300
    var webCases = 40
    var webHistory = 1_000
    var webCSVRounds = 3

    static let usage = """
        mibarai-bench: release benchmark of normalise + blind, of blinded-record lookups, (with
        --only-gossip) of the federation's gossip in a simulated network, and (with --screening,
        --only-bootstrap, --only-handshakes, --only-web) of screening, the API, the federation and
        the web page.
        Every figure is printed beside a baseline measured in the same run, and as a ratio to it.

        USAGE: swift build -c release --product mibarai-bench && .build/release/mibarai-bench [options]

        OPTIONS:
          --records N       blinded records stored in the SQLite file (default 1000000)
          --identities N    identities normalised and blinded in part 1 (default 200000)
          --lookups N       identities looked up per mix, per mode (default 100000)
          --batch N         identities per call in the batched lookup (default 1000)
          --load-batch N    records per AppDatabase.store(_:) call, one transaction each (default 10000)
          --seed N          seed of the synthetic inputs (default 20260401)
          --corpus FILE     read part 1's identities from a JSON Lines file (keys name, name_kana,
                            postal_code, address, phone, email), cycled up to --identities
          --dir DIR         put the database in DIR (default: a new temporary directory)
          --keep            keep the database file afterwards
          --only-blind      run part 1 only
          --only-store      run parts 2 and 3 only
          --only-gossip     run part 6 only: the gossip state machine in a simulated network
          --gossip-nodes L  network sizes for part 6, comma-separated (default 100,1000,5000)
          --gossip-trials N single records timed per size and mode (default 5)
          --gossip-burst N  records published at once per size and mode (default 100)
          --gossip-origins N nodes that have published before part 6 measures (default 500)
          --gossip-overlap  also run part 6 with every exchange of a round concurrent
          --gossip-naive    also run part 6 in the naive mode (whole vectors; slow at 5,000 nodes)
          --gossip-hint-rounds N  version 2: name heads reached within N intervals (default 2)
          --screening       also run parts 4 and 5: orders screened from a CSV file, and the HTTP API
          --only-screening  run parts 4 and 5 only (they load --records blinded records themselves)
          --orders N        orders in the CSV file of part 4 (default 100000)
          --api-requests N  requests to POST /v1/screen in part 5, per run (default 20000)
          --no-api          skip part 5 (with --screening or --only-screening: part 4 alone)
          --concurrency N   connections in part 5 (default 200)
          --only-bootstrap  run part 7 only: a new node bootstraps from a hub (real processes, loopback)
          --only-handshakes run part 8 only: mutual-TLS handshakes per second on a hub's gossip port
                            (both flags together: part 8 runs against part 7's hub)
          --bootstrap-records N  entries the hub holds in part 7 (default 1000000)
          --bootstrap-origins N  origin shops that signed them (default 10)
          --handshake-seconds S  length of each part 8 run (default 10)
          --handshake-concurrency N  connections in flight in part 8, one per member shop (default 16)
          --handshake-rounds N   part 8 alternates hub and baseline runs N times, reports medians (default 3)
          --only-hub-lookups  run part 10 only: a shop's lookups through a hub holding --bootstrap-records
                            records (real process, mutual TLS), beside the hub's own lookup in this process
          --hub-batches N   requests of 1,000 queries in part 10 (default 100)
          --hub-singles N   requests of one query in part 10 (default 2000)
          --only-web        run part 9 only: the shop owner's web page on a real `mibarai serve`
                            holding --records blinded records: pages beside their baselines, and a
                            CSV of --orders orders uploaded through the page beside check --csv
          --web-requests N  requests per page in part 9, and as many for its baseline (default 2000)
          --web-concurrency N  keep-alive connections (tabs) in part 9 (default 4)
          --web-reports N   the shop's own reports in part 9 (default 300)
          --web-cases N     the shop's cases in part 9 (default 40)
          --web-history N   orders screened through the API before part 9 times pages (default 1000)
          --web-csv-rounds N  part 9 alternates check --csv and the page's upload N times (default 3)
          --quick           small sizes, for a smoke run (records 20000, identities 20000, lookups 5000)
          --json            print a machine-readable summary on stdout instead of the table
          -h, --help        show this help

        Progress goes to stderr. No identity value is ever printed.
        """

    enum ParseError: Error, CustomStringConvertible {
        case help
        case bad(String)
        var description: String {
            switch self {
            case .help: "help"
            case .bad(let m): m
            }
        }
    }

    static func parse(_ args: [String]) throws(ParseError) -> BenchOptions {
        var o = BenchOptions()
        var explicit: Set<String> = []
        var i = 0
        func value(_ flag: String) throws(ParseError) -> String {
            i += 1
            guard i < args.count else { throw .bad("\(flag) needs a value") }
            return args[i]
        }
        func count(_ flag: String) throws(ParseError) -> Int {
            let v = try value(flag)
            guard let n = Int(v.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")), n > 0
            else { throw .bad("\(flag) takes a positive integer, not \(v)") }
            explicit.insert(flag)
            return n
        }
        while i < args.count {
            let a = args[i]
            switch a {
            case "-h", "--help": throw .help
            case "--records": o.records = try count(a)
            case "--identities": o.identities = try count(a)
            case "--lookups": o.lookups = try count(a)
            case "--batch": o.batch = try count(a)
            case "--load-batch": o.loadBatch = try count(a)
            case "--seed": o.seed = UInt64(try count(a))
            case "--corpus": o.corpus = try value(a)
            case "--dir": o.directory = try value(a)
            case "--keep": o.keep = true
            case "--json": o.json = true
            case "--quick": o.quick = true
            case "--only-blind": o.skipStore = true
            case "--only-store": o.skipBlind = true
            case "--only-gossip": o.onlyGossip = true
            case "--gossip-trials": o.gossipTrials = try count(a)
            case "--gossip-burst": o.gossipBurst = try count(a)
            case "--gossip-origins": o.gossipOrigins = try count(a)
            case "--gossip-overlap": o.gossipOverlap = true
            case "--gossip-naive": o.gossipNaive = true
            case "--gossip-hint-rounds": o.gossipHintRounds = try count(a)
            case "--gossip-nodes":
                let v = try value(a)
                let sizes = v.split(separator: ",").compactMap { Int($0.replacingOccurrences(of: "_", with: "")) }
                guard !sizes.isEmpty, sizes.count == v.split(separator: ",").count, sizes.allSatisfy({ $0 >= 2 })
                else { throw .bad("--gossip-nodes takes sizes of 2 or more, comma-separated, not \(v)") }
                o.gossipNodes = sizes
            case "--screening": o.screening = true
            case "--only-screening": o.screening = true; o.skipBlind = true; o.skipStore = true
            case "--orders": o.orders = try count(a)
            case "--api-requests": o.apiRequests = try count(a)
            case "--concurrency": o.concurrency = try count(a)
            case "--no-api": o.skipAPI = true
            case "--only-web": o.web = true
            case "--web-requests": o.webRequests = try count(a)
            case "--web-concurrency": o.webConcurrency = try count(a)
            case "--web-reports": o.webReports = try count(a)
            case "--web-cases": o.webCases = try count(a)
            case "--web-history": o.webHistory = try count(a)
            case "--web-csv-rounds": o.webCSVRounds = try count(a)
            case "--only-hub-lookups": o.hubLookups = true
            case "--hub-batches": o.hubBatches = try count(a)
            case "--hub-singles": o.hubSingles = try count(a)
            case "--only-bootstrap": o.bootstrap = true
            case "--only-handshakes": o.handshakes = true
            case "--bootstrap-records": o.bootstrapRecords = try count(a)
            case "--bootstrap-origins": o.bootstrapOrigins = try count(a)
            case "--handshake-concurrency": o.handshakeConcurrency = try count(a)
            case "--handshake-rounds": o.handshakeRounds = try count(a)
            case "--handshake-seconds":
                let v = try value(a)
                guard let s = Double(v), s > 0 else { throw .bad("--handshake-seconds takes a positive number, not \(v)") }
                o.handshakeSeconds = s
            default: throw .bad("unknown option \(a) (see --help)")
            }
            i += 1
        }
        if o.web {
            guard !o.onlyGossip, !o.screening, !o.bootstrap, !o.handshakes, !o.skipBlind, !o.skipStore else {
                throw .bad("--only-web excludes the other --only flags and --screening")
            }
            o.skipBlind = true
            o.skipStore = true
            if o.quick {
                if !explicit.contains("--records") { o.records = 20_000 }
                if !explicit.contains("--orders") { o.orders = 10_000 }
                if !explicit.contains("--web-requests") { o.webRequests = 400 }
                if !explicit.contains("--web-csv-rounds") { o.webCSVRounds = 1 }
            }
            return o
        }
        if o.hubLookups {
            guard !o.onlyGossip, !o.screening, !o.bootstrap, !o.handshakes, !o.web, !o.skipBlind, !o.skipStore else {
                throw .bad("--only-hub-lookups excludes the other --only flags and --screening")
            }
            o.skipBlind = true
            o.skipStore = true
            return o
        }
        if o.bootstrap || o.handshakes {
            guard !o.onlyGossip, !o.screening, !o.skipBlind, !o.skipStore else {
                throw .bad("--only-bootstrap and --only-handshakes exclude the other --only flags and --screening")
            }
            o.skipBlind = true
            o.skipStore = true
            return o
        }
        if o.skipBlind && o.skipStore && !o.screening && !o.onlyGossip { throw .bad("--only-blind and --only-store exclude each other") }
        if o.onlyGossip {
            guard !(o.skipBlind && !o.skipStore) && !(o.skipStore && !o.skipBlind) else { throw .bad("--only-gossip excludes --only-blind and --only-store") }
            o.skipBlind = true
            o.skipStore = true
        }
        if o.quick {
            if !explicit.contains("--records") { o.records = 20_000 }
            if !explicit.contains("--identities") { o.identities = 20_000 }
            if !explicit.contains("--lookups") { o.lookups = 5_000 }
            if !explicit.contains("--load-batch") { o.loadBatch = 5_000 }
            if !explicit.contains("--orders") { o.orders = 10_000 }
            if !explicit.contains("--api-requests") { o.apiRequests = 2_000 }
        }
        return o
    }
}
