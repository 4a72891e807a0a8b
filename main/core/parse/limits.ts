/**
 * Every limit the reader enforces, in one place. A real protocol is 500–5,000 lines (under 1 MB even with
 * three languages); the limits leave ample headroom for that while keeping hostile files (alias bombs, deep
 * nesting, huge key counts) from hanging the editor or the CLI.
 */
export const LIMITS = {
  /** Bytes (or UTF-16 units for text). 10× the largest realistic protocol; YAML parses ~1–2 MB/s worst case. */
  maxBytes: 10 * 1024 * 1024,
  /** Lines. 20× a large protocol; past this the YAML parser alone takes over a second. */
  maxLines: 100_000,
  /** Nesting of lists and mappings. Protocols nest under 15 levels; deeper input overflows recursive readers. */
  maxDepth: 200,
  /**
   * Lists opened on one line (`- - - x`). The YAML parser is quadratic in this run, and no protocol needs
   * more than two or three.
   */
  maxCompactRun: 20,
  /** Nodes after expanding aliases. Bounds alias bombs ("billion laughs") and the work of every later pass. */
  maxNodes: 500_000,
  /** Diagnostics of one kind reported per file; the rest are summarised so output stays readable. */
  maxReported: 200,
} as const;
