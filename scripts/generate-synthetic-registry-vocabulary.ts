/**
 * Word lists for scripts/generate-synthetic-registry.ts. Everything here is
 * invented for benchmarks except the category slugs and display names, which
 * follow crates.io's category list (a subset, best effort).
 */

export interface Topic {
  /** Name parts that fit the topic (`http` → `http-router`). */
  stems: string[];
  /** Noun phrases for descriptions. */
  nouns: string[];
  /** Keywords crates of this topic usually pick (lower case, crates.io rules). */
  keywords: string[];
  /** Category slugs (all in CATEGORIES). */
  categories: string[];
}

export const TOPICS: Topic[] = [
  {
    stems: ["http", "web", "rest", "req", "route", "server", "client", "api", "url", "hyperx"],
    nouns: ["HTTP client", "HTTP server", "web framework", "request router", "REST API client", "middleware stack", "URL parser"],
    keywords: ["http", "web", "client", "server", "rest", "api", "async", "router", "middleware"],
    categories: ["web-programming", "web-programming::http-client", "web-programming::http-server", "network-programming"],
  },
  {
    stems: ["async", "task", "exec", "future", "spawn", "reactor", "runtime", "sched", "waker"],
    nouns: ["async runtime", "task executor", "future combinator library", "async channel", "timer wheel"],
    keywords: ["async", "futures", "runtime", "executor", "concurrency", "non-blocking"],
    categories: ["asynchronous", "concurrency"],
  },
  {
    stems: ["json", "yaml", "toml", "ser", "codec", "bin", "pack", "cbor", "proto", "xml"],
    nouns: ["JSON parser", "serialization framework", "binary encoding format", "YAML library", "schema validator"],
    keywords: ["json", "serialization", "serde", "encoding", "yaml", "parser", "no_std"],
    categories: ["encoding", "parser-implementations"],
  },
  {
    stems: ["cli", "arg", "cmd", "term", "shell", "prompt", "tty", "opt", "flag"],
    nouns: ["command-line argument parser", "terminal UI toolkit", "progress bar", "shell completion generator", "interactive prompt"],
    keywords: ["cli", "terminal", "command-line", "args", "tui", "console"],
    categories: ["command-line-interface", "command-line-utilities"],
  },
  {
    stems: ["crypto", "hash", "cipher", "aes", "sha", "sign", "key", "vault", "seal"],
    nouns: ["cryptographic hash function", "authenticated encryption library", "digital signature scheme", "key derivation function", "constant-time primitives"],
    keywords: ["crypto", "cryptography", "hash", "encryption", "signature", "security"],
    categories: ["cryptography", "no-std"],
  },
  {
    stems: ["sql", "db", "query", "pg", "kv", "store", "orm", "table", "index"],
    nouns: ["SQL query builder", "database driver", "embedded key-value store", "connection pool", "object-relational mapper"],
    keywords: ["database", "sql", "postgres", "sqlite", "orm", "query", "storage"],
    categories: ["database", "database-implementations"],
  },
  {
    stems: ["log", "trace", "metric", "span", "telemetry", "audit", "probe"],
    nouns: ["structured logging library", "tracing subscriber", "metrics exporter", "log formatter"],
    keywords: ["logging", "log", "tracing", "metrics", "observability"],
    categories: ["development-tools::debugging", "development-tools::profiling"],
  },
  {
    stems: ["vec", "map", "tree", "heap", "list", "set", "arena", "slab", "graph", "trie"],
    nouns: ["persistent hash map", "B-tree implementation", "arena allocator", "small-vector type", "graph data structure", "lock-free queue"],
    keywords: ["data-structures", "collections", "map", "tree", "graph", "no_std"],
    categories: ["data-structures", "algorithms", "memory-management"],
  },
  {
    stems: ["text", "str", "regex", "glob", "unicode", "fmt", "case", "diff", "word"],
    nouns: ["string manipulation toolkit", "regular expression engine", "Unicode segmentation library", "text diffing algorithm", "case conversion helper"],
    keywords: ["text", "string", "unicode", "regex", "parsing", "formatting"],
    categories: ["text-processing", "value-formatting"],
  },
  {
    stems: ["parse", "lex", "token", "peg", "gram", "combinator", "ast", "syntax"],
    nouns: ["parser combinator library", "lexer generator", "PEG parser", "expression evaluator"],
    keywords: ["parser", "parsing", "lexer", "grammar", "ast"],
    categories: ["parsing", "parser-implementations", "compilers"],
  },
  {
    stems: ["time", "date", "clock", "cron", "tz", "cal", "dur", "tick"],
    nouns: ["date and time library", "cron expression parser", "timezone database", "duration formatter"],
    keywords: ["time", "date", "datetime", "timezone", "cron"],
    categories: ["date-and-time"],
  },
  {
    stems: ["math", "num", "matrix", "linalg", "stat", "float", "big", "rational", "complex", "poly"],
    nouns: ["linear algebra library", "arbitrary-precision integer type", "statistics toolkit", "numeric trait collection", "fixed-point arithmetic library"],
    keywords: ["math", "mathematics", "linear-algebra", "numeric", "matrix", "statistics"],
    categories: ["mathematics", "science", "algorithms"],
  },
  {
    stems: ["game", "ecs", "sprite", "physics", "engine", "scene", "tile", "voxel"],
    nouns: ["entity component system", "2D game engine", "physics engine", "sprite batching renderer", "tilemap loader"],
    keywords: ["gamedev", "game", "ecs", "physics", "engine", "game-engine"],
    categories: ["game-development", "game-engines", "simulation"],
  },
  {
    stems: ["gpu", "gl", "vk", "render", "shader", "mesh", "pixel", "raster", "canvas"],
    nouns: ["GPU abstraction layer", "shader compiler", "software rasterizer", "mesh processing library", "2D vector graphics renderer"],
    keywords: ["graphics", "gpu", "rendering", "vulkan", "opengl", "shader"],
    categories: ["graphics", "rendering", "visualization"],
  },
  {
    stems: ["image", "png", "jpeg", "audio", "video", "sound", "wav", "gif", "frame"],
    nouns: ["image decoding library", "audio playback engine", "video frame extractor", "image resizing toolkit", "sound synthesis library"],
    keywords: ["image", "audio", "video", "multimedia", "codec", "png"],
    categories: ["multimedia", "multimedia::images", "multimedia::audio", "multimedia::video"],
  },
  {
    stems: ["hal", "gpio", "mcu", "stm", "nrf", "board", "i2c", "spi", "uart", "firmware"],
    nouns: ["hardware abstraction layer", "embedded HAL driver", "board support package", "sensor driver", "real-time interrupt framework"],
    keywords: ["embedded", "no-std", "hal", "arm", "microcontroller", "driver"],
    categories: ["embedded", "hardware-support", "no-std"],
  },
  {
    stems: ["net", "tcp", "udp", "dns", "tls", "quic", "socket", "proxy", "packet", "mqtt"],
    nouns: ["TCP connection manager", "DNS resolver", "QUIC implementation", "network packet parser", "proxy server", "MQTT client"],
    keywords: ["network", "tcp", "dns", "tls", "protocol", "socket"],
    categories: ["network-programming", "asynchronous"],
  },
  {
    stems: ["fs", "file", "path", "dir", "watch", "mmap", "proc", "sys", "os", "env"],
    nouns: ["filesystem watcher", "memory-mapped file wrapper", "cross-platform path utilities", "process spawning library", "temporary file helper"],
    keywords: ["filesystem", "file", "os", "path", "io", "process"],
    categories: ["filesystem", "os", "os::unix-apis", "os::windows-apis", "os::linux-apis"],
  },
  {
    stems: ["test", "mock", "bench", "fuzz", "prop", "snap", "assert", "lint", "fixture"],
    nouns: ["property-based testing framework", "mocking library", "snapshot testing tool", "benchmark harness", "fuzzing helper"],
    keywords: ["testing", "test", "mock", "benchmark", "fuzzing", "development"],
    categories: ["development-tools::testing", "development-tools"],
  },
  {
    stems: ["derive", "macro", "quote", "attr", "gen", "codegen", "expand"],
    nouns: ["procedural macro helpers", "derive macro collection", "code generation toolkit", "attribute macro framework"],
    keywords: ["macro", "derive", "proc-macro", "codegen", "syntax"],
    categories: ["development-tools::procedural-macro-helpers", "rust-patterns"],
  },
  {
    stems: ["build", "cargo", "pkg", "bundle", "dist", "release", "ci", "make"],
    nouns: ["Cargo subcommand", "build script helper", "release automation tool", "dependency auditing tool", "cross-compilation helper"],
    keywords: ["cargo", "build", "cargo-subcommand", "tooling", "ci"],
    categories: ["development-tools::cargo-plugins", "development-tools::build-utils", "development-tools"],
  },
  {
    stems: ["wasm", "js", "ffi", "bind", "bridge", "napi", "py", "jni"],
    nouns: ["WebAssembly bindings", "JavaScript interop layer", "C FFI bindings", "Python extension helper", "foreign function interface generator"],
    keywords: ["wasm", "ffi", "bindings", "webassembly", "javascript", "python"],
    categories: ["wasm", "development-tools::ffi", "external-ffi-bindings", "api-bindings"],
  },
  {
    stems: ["zip", "gzip", "lz", "zstd", "compress", "deflate", "brotli", "archive", "tar"],
    nouns: ["compression library", "streaming decompressor", "archive reader and writer", "LZ77 encoder"],
    keywords: ["compression", "zip", "gzip", "archive", "deflate"],
    categories: ["compression", "encoding"],
  },
  {
    stems: ["gui", "ui", "widget", "window", "view", "layout", "theme", "font"],
    nouns: ["immediate-mode GUI toolkit", "cross-platform windowing library", "widget library", "layout engine", "font rendering library"],
    keywords: ["gui", "ui", "widget", "desktop", "window"],
    categories: ["gui", "graphics"],
  },
  {
    stems: ["config", "env", "settings", "conf", "dotenv", "ini", "profile"],
    nouns: ["layered configuration loader", "environment variable parser", "settings manager", "feature flag library"],
    keywords: ["config", "configuration", "env", "settings", "dotenv"],
    categories: ["config"],
  },
  {
    stems: ["auth", "jwt", "oauth", "token", "session", "acl", "perm", "pass"],
    nouns: ["JWT validation library", "OAuth2 client", "password hashing helper", "session middleware", "access control engine"],
    keywords: ["auth", "jwt", "oauth", "security", "authentication", "token"],
    categories: ["authentication", "cryptography", "web-programming"],
  },
  {
    stems: ["sync", "lock", "chan", "atomic", "actor", "pool", "thread", "par", "worker"],
    nouns: ["lock-free channel", "actor framework", "thread pool", "parallel iterator library", "read-write lock"],
    keywords: ["concurrency", "parallel", "sync", "channel", "actor", "threads"],
    categories: ["concurrency", "asynchronous", "rust-patterns"],
  },
  {
    stems: ["cache", "mem", "alloc", "buf", "bytes", "rc", "gc", "lru"],
    nouns: ["LRU cache", "memory allocator", "byte buffer utilities", "object pool", "garbage collector"],
    keywords: ["cache", "memory", "allocator", "buffer", "lru", "no_std"],
    categories: ["caching", "memory-management", "no-std"],
  },
  {
    stems: ["bio", "dna", "geo", "chem", "astro", "sim", "neuro", "gene", "seq"],
    nouns: ["bioinformatics toolkit", "geospatial index", "sequence alignment library", "coordinate projection library", "molecular simulation engine"],
    keywords: ["science", "bioinformatics", "geo", "gis", "simulation", "genomics"],
    categories: ["science", "science::bioinformatics", "science::geo", "simulation"],
  },
  {
    stems: ["ml", "tensor", "neural", "learn", "infer", "model", "embed", "grad"],
    nouns: ["tensor library", "neural network inference engine", "machine learning toolkit", "vector similarity search", "gradient descent optimizer"],
    keywords: ["machine-learning", "ml", "tensor", "neural-network", "ai", "inference"],
    categories: ["science", "mathematics", "algorithms"],
  },
  {
    stems: ["template", "html", "md", "markdown", "doc", "page", "site", "css"],
    nouns: ["template engine", "Markdown renderer", "static site generator", "HTML sanitizer", "CSS parser"],
    keywords: ["template", "html", "markdown", "web", "static-site"],
    categories: ["template-engine", "web-programming", "text-processing"],
  },
  {
    stems: ["i18n", "locale", "lang", "translate", "l10n", "plural"],
    nouns: ["localization framework", "translation catalog loader", "locale-aware number formatter"],
    keywords: ["i18n", "localization", "translation", "locale", "internationalization"],
    categories: ["internationalization", "text-processing"],
  },
  {
    stems: ["mail", "smtp", "imap", "mime", "inbox"],
    nouns: ["SMTP client", "MIME message parser", "email template renderer"],
    keywords: ["email", "smtp", "mime", "mail"],
    categories: ["email", "network-programming"],
  },
  {
    stems: ["edit", "rope", "lsp", "highlight", "vim", "cursor"],
    nouns: ["rope data structure for text editors", "language server implementation", "syntax highlighter", "terminal text editor"],
    keywords: ["editor", "lsp", "syntax-highlighting", "rope", "text-editor"],
    categories: ["text-editors", "development-tools"],
  },
  {
    stems: ["chain", "coin", "wallet", "ledger", "block", "mint"],
    nouns: ["blockchain client", "wallet library", "smart contract SDK"],
    keywords: ["blockchain", "crypto", "wallet", "ethereum", "bitcoin"],
    categories: ["cryptography::cryptocurrencies", "cryptography"],
  },
];

/** Stems that fit any topic. */
export const GENERAL_STEMS = [
  "core", "util", "kit", "lite", "fast", "tiny", "micro", "nano", "mini", "simple", "easy", "smart", "rusty", "iron",
  "oxide", "ferro", "crab", "zero", "one", "hyper", "ultra", "super", "open", "free", "flex", "swift", "quick", "light",
  "bolt", "spark", "flow", "pipe", "hub", "link", "node", "edge", "base", "stack", "layer", "shard", "block", "chunk",
  "bit", "byte", "cell", "atom", "ring", "loop", "wave", "beam", "star", "moon", "sun", "sky", "cloud", "rain", "frost",
  "fire", "stone", "leaf", "root", "seed", "forge", "anvil", "gear", "wheel", "lens", "prism", "pulse", "echo", "relay",
];

/** Suffixes for `<stem>-<suffix>` names. */
export const SUFFIXES = [
  "rs", "lib", "kit", "core", "utils", "util", "tools", "x", "ng", "lite", "plus", "ext", "helper", "helpers", "common",
  "types", "api", "sdk", "client", "server", "engine", "parser", "builder", "runtime", "macros", "derive", "sys", "cli",
  "rt", "io", "fmt", "gen", "test", "bench", "async", "sync", "std", "alloc", "impl", "proto", "model", "schema", "store",
];

/** Sub-crates of a project (`<root>-derive`, `<root>_core`). */
export const FAMILY_SUFFIXES = [
  "derive", "macros", "core", "types", "sys", "cli", "impl", "codegen", "utils", "shared", "internal", "test-utils",
  "proto", "server", "client", "runtime", "build", "common", "ffi", "wasm", "examples", "bench", "config", "traits",
];

/** Syllables for invented words (`zorimel`) and user names. */
export const SYLLABLES = [
  "ka", "zo", "ri", "mel", "tor", "vin", "la", "qua", "nex", "sol", "ar", "bo", "ce", "da", "el", "fi", "go", "hu",
  "is", "jo", "ku", "lo", "mi", "nu", "or", "pa", "ren", "sa", "ti", "ul", "va", "we", "xi", "yo", "ze", "tra", "bri",
  "clo", "dra", "fen", "gal", "hax", "kor", "lum", "mor", "nyx", "pol", "ryn", "sil", "tek", "vor", "zan",
];

export const ADJECTIVES = [
  "fast", "safe", "minimal", "ergonomic", "lightweight", "zero-copy", "type-safe", "asynchronous", "portable", "flexible",
  "simple", "efficient", "modular", "extensible", "small", "robust", "pure Rust", "no_std compatible", "blazing fast",
  "idiomatic", "declarative", "composable", "high-performance", "experimental", "tiny", "batteries-included",
  "thread-safe", "streaming", "incremental", "cross-platform",
];

export const TAILS = [
  "for Rust", "written in pure Rust", "with no unsafe code", "for embedded and desktop targets", "with serde support",
  "with minimal dependencies", "for async applications", "with a simple API", "for command-line tools",
  "for high-throughput services", "with optional SIMD acceleration", "for WebAssembly and native targets",
  "with zero allocations on the hot path", "designed for large data sets", "with first-class error reporting",
];

export const EXTRA_SENTENCES = [
  "Supports streaming input and bounded memory use.",
  "Works on stable Rust without build scripts.",
  "Includes examples, benchmarks and a fuzzing harness.",
  "The API is unstable and may change between minor releases.",
  "Compatible with no_std environments when the default features are disabled.",
  "Ships with optional integrations behind feature flags.",
  "Heavily tested with property-based tests.",
  "Maintained as part of a larger workspace of related crates.",
];

/** Category slugs and display names, after crates.io's category list (a subset; parents included). */
export const CATEGORIES: [slug: string, name: string][] = [
  ["algorithms", "Algorithms"],
  ["api-bindings", "API bindings"],
  ["asynchronous", "Asynchronous"],
  ["authentication", "Authentication"],
  ["caching", "Caching"],
  ["command-line-interface", "Command line interface"],
  ["command-line-utilities", "Command-line utilities"],
  ["compilers", "Compilers"],
  ["compression", "Compression"],
  ["concurrency", "Concurrency"],
  ["config", "Configuration"],
  ["cryptography", "Cryptography"],
  ["cryptography::cryptocurrencies", "Cryptography::Cryptocurrencies"],
  ["data-structures", "Data structures"],
  ["database", "Database interfaces"],
  ["database-implementations", "Database implementations"],
  ["date-and-time", "Date and time"],
  ["development-tools", "Development tools"],
  ["development-tools::build-utils", "Development tools::Build Utils"],
  ["development-tools::cargo-plugins", "Development tools::Cargo plugins"],
  ["development-tools::debugging", "Development tools::Debugging"],
  ["development-tools::ffi", "Development tools::FFI"],
  ["development-tools::procedural-macro-helpers", "Development tools::Procedural macro helpers"],
  ["development-tools::profiling", "Development tools::Profiling"],
  ["development-tools::testing", "Development tools::Testing"],
  ["email", "Email"],
  ["embedded", "Embedded development"],
  ["encoding", "Encoding"],
  ["external-ffi-bindings", "External FFI bindings"],
  ["filesystem", "Filesystem"],
  ["game-development", "Game development"],
  ["game-engines", "Game engines"],
  ["graphics", "Graphics APIs"],
  ["gui", "GUI"],
  ["hardware-support", "Hardware support"],
  ["internationalization", "Internationalization (i18n)"],
  ["mathematics", "Mathematics"],
  ["memory-management", "Memory management"],
  ["multimedia", "Multimedia"],
  ["multimedia::audio", "Multimedia::Audio"],
  ["multimedia::images", "Multimedia::Images"],
  ["multimedia::video", "Multimedia::Video"],
  ["network-programming", "Network programming"],
  ["no-std", "No standard library"],
  ["os", "Operating systems"],
  ["os::linux-apis", "Operating systems::Linux APIs"],
  ["os::unix-apis", "Operating systems::Unix APIs"],
  ["os::windows-apis", "Operating systems::Windows APIs"],
  ["parser-implementations", "Parser implementations"],
  ["parsing", "Parsing tools"],
  ["rendering", "Rendering"],
  ["rust-patterns", "Rust patterns"],
  ["science", "Science"],
  ["science::bioinformatics", "Science::Bioinformatics"],
  ["science::geo", "Science::Geospatial"],
  ["simulation", "Simulation"],
  ["template-engine", "Template engine"],
  ["text-editors", "Text editors"],
  ["text-processing", "Text processing"],
  ["value-formatting", "Value formatting"],
  ["visualization", "Visualization"],
  ["wasm", "WebAssembly"],
  ["web-programming", "Web programming"],
  ["web-programming::http-client", "Web programming::HTTP client"],
  ["web-programming::http-server", "Web programming::HTTP server"],
  ["web-programming::websocket", "Web programming::WebSocket"],
];

export const LICENSES: [license: string | null, weight: number][] = [
  ["MIT OR Apache-2.0", 50],
  ["MIT", 22],
  ["Apache-2.0", 9],
  ["MIT/Apache-2.0", 5],
  ["BSD-3-Clause", 2],
  ["GPL-3.0-or-later", 2],
  ["MPL-2.0", 2],
  ["Unlicense OR MIT", 2],
  ["Apache-2.0 WITH LLVM-exception", 1],
  [null, 5],
];

/** `target` values of platform-specific dependencies (as the index writes them). */
export const CFG_TARGETS = [
  "cfg(windows)",
  "cfg(unix)",
  'cfg(target_os = "linux")',
  'cfg(target_os = "macos")',
  'cfg(target_arch = "wasm32")',
  'cfg(all(target_arch = "wasm32", target_os = "unknown"))',
  'cfg(not(target_arch = "wasm32"))',
  'cfg(any(target_os = "linux", target_os = "android"))',
  "wasm32-unknown-unknown",
  "x86_64-pc-windows-msvc",
];

/** Features a dependent turns on (`features = [...]`). */
export const DEP_FEATURES = [
  ["derive"], ["std"], ["full"], ["alloc"], ["serde"], ["macros", "rt-multi-thread"], ["json"], ["async"], ["sync"],
  ["std", "derive"], ["tls"], ["small_rng"], ["unicode"], ["log"], ["tokio1"],
];

/** Crate-level feature names (`[features]`). */
export const FEATURE_NAMES = ["std", "alloc", "serde", "async", "tls", "unstable", "simd", "full", "nightly", "log", "tracing", "cli"];

/** A few names crates.io refuses (illustrative, as in the dump fixture). */
export const RESERVED_NAMES = ["alloc", "aux", "com1", "con", "core", "lpt1", "nul", "prn", "proc_macro", "std", "test"];
