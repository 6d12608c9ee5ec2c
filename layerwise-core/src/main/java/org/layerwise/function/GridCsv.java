package org.layerwise.function;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.layerwise.InvalidInputException;

/**
 * Reads a CSV of values on a regular grid as a piecewise-constant target of dimension 1, 2 or 3.
 *
 * <p><b>Format</b> (UTF-8 text; values separated by commas, blanks around them ignored; decimal numbers such as
 * {@code 1}, {@code -0.25}, {@code 3e-2}, which must be finite):
 * <ul>
 *   <li>{@code d = 1}: a single row {@code v_0, v_1, ...} or a single column (one value per line);
 *       value {@code j} is grid cell {@code j}, i.e. {@code x1 in [j/n, (j+1)/n)}.</li>
 *   <li>{@code d = 2}: a matrix; the value in column {@code c} of data row {@code r} (both counted from 0, the first
 *       row of the file being row 0) is grid cell {@code (c, r)}: columns run along {@code x1}, rows along
 *       {@code x2}, and the first row is at {@code x2 = 0}. (So the file reads upside down compared with a plot;
 *       images are the other way round, see {@link ImageTargets}.)</li>
 *   <li>{@code d = 3}: matrices as for {@code d = 2}, separated by one or more blank lines; matrix {@code b}
 *       (from 0) is {@code x3} index {@code b}.</li>
 * </ul>
 * Lines starting with {@code #} are comments. An optional {@code # shape n1[,n2[,n3]]} line before the data fixes the
 * shape (values per row, rows per matrix, matrices) and is checked against the data; without it the shape is
 * inferred as above (one row or one column: d = 1; one matrix: d = 2; several: d = 3). Every row must have the same
 * number of values. At most {@link TabulatedTarget#MAX_CELLS} values.
 */
public final class GridCsv {

    private GridCsv() {
    }

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /** One data row and the line it came from. */
    private record Row(int line, double[] values) {
    }

    /**
     * Reads {@code file}.
     *
     * @throws InvalidInputException naming the file (and line and column) for a missing or unreadable file, a value
     *                               that is not a finite number, ragged rows, or a shape that does not match
     */
    public static TabulatedTarget read(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("grid file '" + file + "' is a directory");
        }
        List<List<Row>> blocks = new ArrayList<>();
        int[] declared = null;
        int width = -1;
        int widthLine = 0;
        long total = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Row> current = new ArrayList<>();
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String t = line.strip();
                if (t.startsWith("#")) {
                    String body = t.substring(1).strip();
                    if (body.toLowerCase(Locale.ROOT).startsWith("shape")) {
                        if (declared != null || total > 0) {
                            throw new InvalidInputException(file + " line " + lineNo
                                    + ": '# shape' must appear once, before the data");
                        }
                        declared = parseShape(file, lineNo, body.substring(5));
                    }
                    continue;
                }
                if (t.isEmpty()) {
                    if (!current.isEmpty()) {
                        blocks.add(current);
                        current = new ArrayList<>();
                    }
                    continue;
                }
                String[] fields = line.split(",", -1);
                double[] row = new double[fields.length];
                for (int c = 0; c < fields.length; c++) {
                    row[c] = parseValue(file, lineNo, c + 1, fields[c].strip());
                }
                if (width < 0) {
                    width = row.length;
                    widthLine = lineNo;
                } else if (row.length != width) {
                    throw new InvalidInputException(file + " line " + lineNo + ": " + row.length
                            + " values, but line " + widthLine + " has " + width + " (rows must have equal length)");
                }
                total += row.length;
                if (total > TabulatedTarget.MAX_CELLS) {
                    throw new InvalidInputException(file + " line " + lineNo + ": more than 2^26 = "
                            + TabulatedTarget.MAX_CELLS + " values");
                }
                current.add(new Row(lineNo, row));
            }
            if (!current.isEmpty()) {
                blocks.add(current);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("grid file '" + file + "' does not exist", e);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("grid file '" + file + "' is not UTF-8 text", e);
        } catch (IOException e) {
            throw new InvalidInputException("grid file '" + file + "' cannot be read: " + e.getMessage(), e);
        }
        if (blocks.isEmpty()) {
            throw new InvalidInputException("grid file '" + file + "' has no values");
        }
        int rows = blocks.get(0).size();
        for (int b = 1; b < blocks.size(); b++) {
            List<Row> block = blocks.get(b);
            if (block.size() != rows) {
                throw new InvalidInputException(file + " line " + block.get(0).line() + ": matrix " + (b + 1)
                        + " has " + block.size() + " rows, but matrix 1 has " + rows
                        + " (blank lines separate the matrices of a 3-D grid)");
            }
        }
        int[] shape = shape(file, declared, width, rows, blocks.size());
        double[] values = new double[(int) total];
        int k = 0;
        if (shape.length == 1 && width == 1) {
            for (Row r : blocks.get(0)) {
                values[k++] = r.values()[0];
            }
        } else {
            // Row-major in file order is exactly j1 + n1 (j2 + n2 j3).
            for (List<Row> block : blocks) {
                for (Row r : block) {
                    System.arraycopy(r.values(), 0, values, k, width);
                    k += width;
                }
            }
        }
        return new TabulatedTarget(file.getFileName().toString(), shape, values);
    }

    /** The shape from the declaration (checked) or inferred from the data. */
    private static int[] shape(Path file, int[] declared, int width, int rows, int blocks) {
        if (declared == null) {
            if (blocks > 1) {
                return new int[] {width, rows, blocks};
            }
            if (rows == 1) {
                return new int[] {width};
            }
            return width == 1 ? new int[] {rows} : new int[] {width, rows};
        }
        String found = blocks + " matrix(es) of " + rows + " row(s) of " + width + " value(s)";
        boolean ok = switch (declared.length) {
            case 1 -> blocks == 1 && ((rows == 1 && width == declared[0]) || (width == 1 && rows == declared[0]));
            case 2 -> blocks == 1 && width == declared[0] && rows == declared[1];
            default -> blocks == declared[2] && width == declared[0] && rows == declared[1];
        };
        if (!ok) {
            throw new InvalidInputException(file + ": '# shape " + join(declared) + "' does not match the data: "
                    + found);
        }
        return declared;
    }

    private static int[] parseShape(Path file, int lineNo, String spec) {
        String[] parts = spec.strip().split("\\s*[,x\\s]\\s*");
        if (parts.length < 1 || parts.length > 3 || parts[0].isEmpty()) {
            throw badShape(file, lineNo, spec);
        }
        int[] shape = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                shape[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                if (parts[i].matches("\\d+")) {
                    throw new InvalidInputException(file + " line " + lineNo + ": shape '" + spec.strip() + "': "
                            + parts[i] + " cells along axis " + (i + 1) + " are more than a grid holds (at most "
                            + Integer.MAX_VALUE + ")");
                }
                throw badShape(file, lineNo, spec);
            }
            if (shape[i] < 1) {
                throw badShape(file, lineNo, spec);
            }
        }
        return shape;
    }

    private static InvalidInputException badShape(Path file, int lineNo, String spec) {
        return new InvalidInputException(file + " line " + lineNo + ": bad shape '" + spec.strip()
                + "': expected '# shape n1[,n2[,n3]]' with positive integers");
    }

    private static double parseValue(Path file, int lineNo, int column, String field) {
        if (!NUMBER.matcher(field).matches()) {
            throw new InvalidInputException(file + " line " + lineNo + ", column " + column + ": '" + field
                    + "' is not a number");
        }
        double v = Double.parseDouble(field);
        if (!Double.isFinite(v)) {
            throw new InvalidInputException(file + " line " + lineNo + ", column " + column + ": '" + field
                    + "' is not a finite double");
        }
        return v;
    }

    private static String join(int[] a) {
        return String.join(",", Arrays.stream(a).mapToObj(Integer::toString).toArray(String[]::new));
    }
}
