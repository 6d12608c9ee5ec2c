/**
 * The model file format and its reader and writer. {@link org.layerwise.format.ModelFile} is the entry point
 * (save, load, checksum, size); {@link org.layerwise.format.ModelWriter} writes, and
 * {@link org.layerwise.format.ModelReader} reads: it dispatches to {@code JsonModelReader} (versions 1 and 2) or
 * {@code BinaryModelReader} (versions 3 and 4), which share {@code ModelParser} (the JSON members within the limits),
 * {@code ModelAssembly} (weights resolved, network built), {@code HeaderBounds} (numbers within what the header lets
 * them need) and {@code ReadBudget} (what one read has spent); {@code ConstantLimbs} is the one place that turns a
 * constant (a level's phase) into the container's little-endian limbs and back, and {@code BlockChecks} computes and
 * verifies the CRC checks of version 4. {@link org.layerwise.format.ModelLimits} caps what a
 * file may make the reader allocate, and {@link org.layerwise.format.Model} is what a file holds.
 * {@link org.layerwise.format.Base91} encodes the packed phases of version 2, {@link org.layerwise.format.WeightText}
 * the weights, {@link org.layerwise.format.AtomicFiles} writes every output through a temporary file moved into
 * place, and {@link org.layerwise.format.ModelFormatException} is every refusal.
 *
 * <p>This program writes version 4 and reads versions 1 to 4. Versions 1 and 2 are JSON documents; versions 3 and 4
 * are a binary container whose header is the version-2 document without the large numbers, which follow it as raw
 * limbs; they differ only in the checksum (version 3: a SHA-256 at the end; version 4: CRC checks before the limbs,
 * about 10 times faster to verify here). Both directions stream: the container allocates a constant only after its
 * declared size passed the limits; version 2 decodes a constant's base-91 text as it streams past the JSON parser
 * ({@code ConstantTextTap}, never a string, at most {@link org.layerwise.format.ModelLimits#maxStringChars()}
 * characters) and checks the declared sizes before building the constant. Version 1 reads each weight's text as a
 * string (at most {@code maxStringChars} characters).
 *
 * <h2>Version 4: the binary container with CRC checks (written)</h2>
 * <pre>
 *   bytes 0..7     "LWMODEL\n" (ASCII; a JSON file starts with '{' instead)
 *   bytes 8..15    H, the header's length in bytes, unsigned 64-bit little-endian, 1 &lt;= H &lt; 2^31
 *   H bytes        the header: a UTF-8 JSON object, exactly the version-2 members below with "version":4,
 *                  no "sha256", and each constant declared as {"exp":e,"limbs":n} (no "bytes", no "m")
 *   8 bytes        the header's check: of bytes 0 .. 16 + H - 1
 *   8 B bytes      the blocks' checks: the limbs below (D = 8 sum n bytes) cut into B = ceil(D / 2^20) blocks of
 *                  2^20 bytes (the last one shorter), the check of each block in order
 *   D bytes        the limbs: for each constant in order, its magnitude M as n 64-bit limbs, least significant
 *                  limb first, each little-endian (the top limb is nonzero); constant i is M * 2^e
 * </pre>
 * Nothing follows the last limb. A <em>check</em> is the CRC-32C ({@link java.util.zip.CRC32C}, Castagnoli) and then
 * the CRC-32 ({@link java.util.zip.CRC32}, IEEE 802.3) of the bytes, each as an unsigned 32-bit little-endian integer.
 * The two generators are coprime, so the pair is a 64-bit CRC: every burst of at most 64 damaged bits within a block,
 * and every odd number of damaged bits, is detected, and random damage passes with probability {@code 2^-64} per
 * block. It guards against accidental corruption, not against a crafted file (anyone can recompute it); the limits
 * below hold crafted files off, as for every version. Both CRCs run in hardware (about 13 GB/s for the pair here,
 * against about 1.3 GB/s for SHA-256), so a load costs about what reading the file costs.
 *
 * <p>The reader verifies the header's check right after parsing the header (when the header does not parse and its
 * check does not match either, the refusal says the header is damaged, with the parser's complaint), and each block
 * as soon as its last byte has been read, refusing a mismatch with the block, its bytes in the file, the constant it
 * starts in and the offset of its check. The checks precede the limbs so that the writer, which computes them in a
 * first pass over the limbs, can stream the file; the whole file is reproducible (the same model gives the same
 * bytes). The file has {@code 8 B + 8} bytes of checks where version 3 has 32 bytes of SHA-256 ({@code 8 B} is
 * {@code 2^-17} of the limbs): {@code 1.0014} times the phase bits at {@code d = N = 2, b = 64, L = 10}, as before.
 *
 * <h2>Version 3: the binary container with a SHA-256 (read)</h2>
 * <pre>
 *   bytes 0..15    as version 4
 *   H bytes        the header, as version 4 but with "version":3
 *   limbs          as version 4
 *   32 bytes       the SHA-256 of every byte before it
 * </pre>
 * Nothing may follow the checksum. The checksum is verified over the bytes as read: no re-serialization. The header
 * member order and the canonical choice of weight texts are those of version 2 (the writer is deterministic; the
 * reader accepts any member order). The file holds the phases in their own bits: its size is {@code b sum_l N^(dl)}
 * bits plus the header (about 1.6 kB per level for {@code d = N = 2}) and 56 bytes, e.g. 1.0014 times the phase bits
 * at {@code d = N = 2, b = 64, L = 10}; limits and refusals are as for version 2, with the limbs accounted as
 * {@code 64 n} mantissa bits of {@link org.layerwise.format.ModelLimits#maxExpandedBits()}. A constant's {@code "exp"}
 * is a 64-bit integer ({@code |e| <= 2^36}; {@code theta_13} of {@code d = N = 2, b = 64} has {@code e = -2^32}) and
 * its {@code n} may exceed what a {@link java.math.BigInteger} holds (up to the file limit): the reader puts the limbs
 * straight into a {@link org.layerwise.numeric.LimbStore} (chunked 64-bit words), the form the fast evaluator reads,
 * and builds no BigInteger of a phase. All of this holds for version 4 too.
 *
 * <h2>Version 2</h2>
 * <pre>
 * {"format":"layerwise-model","version":2,"dim":d,"base":N,"levels":L,"bits":b,"layout":"narrow",
 *  "amplitudes":["dyadic",...],            a_1..a_L, plain dyadic text (below)
 *  "target":{...},                         free-form (kind, spec, quadrature, ...), filled by the CLI
 *  "constants":[{"exp":e,"bytes":n,"m":"base91"},...],
 *  "layers":[{"neurons":[{"act":"relu"|"sine","in":[int,...],"w":["weight",...],"b":"weight"},...]},...],
 *  "heads":[{"layer":int,"in":[int,...],"w":["weight",...],"b":"weight"},...],
 *  "sha256":"hex"}
 * </pre>
 * <b>Constants</b> hold the large numbers once (the packed phases {@code theta_l}): constant {@code i}
 * (0-based position in the array) is {@code M * 2^e}, where {@code M} is the unsigned big-endian integer of
 * the {@code n >= 1} bytes that the string {@code "m"} encodes with {@link org.layerwise.format.Base91} (13-byte blocks as 16
 * characters of a JSON-safe 91-letter alphabet; {@code "m"} has exactly {@code Base91.encodedLength(n)}
 * characters). The writer stores {@code |w|} in canonical form: {@code M} odd, {@code n} minimal.
 *
 * <p><b>Weights</b> (every {@code "w"} element and {@code "b"}) are strings of this grammar, no spaces
 * ({@code INT} is an optional {@code '-'} and 1..11 decimal digits, at most {@code 2^36} in magnitude, {@code IDX} a
 * constant index without leading zeros):
 * <pre>
 *   weight := "0"
 *           | "-"? HEX "p" INT                      plain dyadic: hex mantissa (no leading zeros) times 2^INT,
 *                                                   the text form of {@link org.layerwise.numeric.Dyadic}, e.g. "-1b3p-12"
 *           | "-"? "(2^" INT "-2^" INT ")"          2^a - 2^b with a > b  (the address coefficients c_j)
 *           | "-"? "$" IDX                          constant IDX
 *           | "-"? "$" IDX "*2^" INT                constant IDX times 2^e
 *           | "-"? "$" IDX "*(2^" INT "-2^" INT ")" constant IDX times (2^a - 2^b)   (theta_l c_j)
 * </pre>
 * Every form evaluates in time linear in its result. <b>Canonical choice</b> (what the writer emits, and
 * what the checksum is computed over): for each affine form, its weights in order and then its bias,
 * layers and neurons in order, then the heads: zero is {@code "0"}; a magnitude {@code (2^s - 1) 2^e} with
 * {@code s >= 16} is the run {@code (2^(e+s)-2^e)}; a magnitude of at most 64 mantissa bits is plain;
 * otherwise, if {@code |w| = C_i 2^k} or {@code |w| = C_i (2^a - 2^b)} for a constant {@code C_i}
 * already referenced by an earlier term of the same affine form (tried in order of first reference),
 * that form; otherwise {@code "$i"}, where {@code C_i = |w|} is appended to the constants if not yet there.
 * Constants are thus numbered by first use.
 *
 * <p><b>Size.</b> For the narrow layout the only large numbers are {@code theta_l} (once, as a constant of
 * {@code n_l = ceil(bits(theta_l)/8) <= ceil(b N^(dl)/8)} bytes), the sine weights {@code +-theta_l c_j}
 * (written {@code "$i*(2^a-2^b)"}) and the coefficients {@code c_j} (runs); every other weight is a power of
 * two or has at most 64 bits. A constant's text has {@code Base91.encodedLength(n_l) <= 16 n_l / 13 + 1}
 * characters, every weight text at most 36, so the file has at most {@code sum_l (16/13) ceil(b N^(dl)/8)}
 * bytes of phases plus a part that grows with the number of neurons (about 1.6 kB per level for
 * {@code d = N = 2}), not with the cells: file bits over {@code b * sum_l N^(dl)} tend to {@code 16/13 = 1.2308}
 * from above ({@code d = N = 2, b = 64}: 1.29 at {@code L = 7}, 1.249 at {@code L = 8}, 1.236 at {@code L = 9};
 * version 1 about 15).
 *
 * <h2>Version 1</h2>
 * The same without {@code "constants"}, with {@code "version":1}, and every weight in the plain dyadic form.
 *
 * <h2>Versions 1 and 2</h2>
 * The checksum is the SHA-256 of the <em>canonical serialization</em> of the file's version: the document
 * without the {@code sha256} member, written compactly (no whitespace) in exactly the member order above,
 * with the target's object keys sorted at every depth, and every weight in its canonical text. The writer
 * emits that canonical form followed by the checksum member; the reader accepts members in any order,
 * rebuilds the model and recomputes the canonical bytes.
 *
 * <p>Loading refuses, with a {@link org.layerwise.format.ModelFormatException} naming the problem: malformed JSON or weight text,
 * wrong format name, unknown version or layout, missing or unknown members, inconsistent sizes (indices out
 * of range, head count different from levels, a constant index beyond the table, a constant whose text does
 * not have the declared length, ...), a failed checksum, and anything beyond the {@link org.layerwise.format.ModelLimits} (file size,
 * characters per string, array lengths, levels, neurons, and the total number of mantissa bits the
 * constants and expanded weights allocate) - checked from declared sizes before allocating, while streaming,
 * so a crafted file cannot exhaust memory.
 */
package org.layerwise.format;
