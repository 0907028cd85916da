// Reading and writing ptarget from Java through JDBC (Debian's libpostgresql-jdbc-java).
//
//   java -cp /usr/share/java/postgresql.jar ClientTest.java HOST PORT DATABASE SEED_FILE
//
// The database must have the extension (CREATE EXTENSION ptarget) and no imported
// documents yet.  Prints one line per check, "ok - ..." or "FAIL - ...", and ends
// with "N passed, M failed"; exits 1 on any failure.

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.postgresql.PGConnection;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;
import org.postgresql.util.PSQLException;

public class ClientTest {
    static int passed = 0, failed = 0;
    static String host, port, database;

    /** Exact check: equal values of the same class (BigDecimal.equals compares the scale too). */
    static void check(String name, Object got, Object want) {
        // lists compare element by element (Integer 1 is not Long 1, BigDecimal 5500 is not 5500.0)
        boolean same = Objects.equals(got, want) && (got == null || got.getClass() == want.getClass()
                || (got instanceof List && want instanceof List) || (got instanceof Map && want instanceof Map));
        if (same) {
            passed++;
            System.out.println("ok - jdbc: " + name);
        } else {
            failed++;
            System.out.println("FAIL - jdbc: " + name + ": expected " + show(want) + ", got " + show(got));
        }
    }

    static String show(Object o) {
        return o == null ? "null" : o + " (" + o.getClass().getSimpleName() + ")";
    }

    interface SqlAction { void run() throws SQLException; }

    /** The action must fail with this SQLSTATE (and, if given, this primary message). */
    static void checkError(String name, SqlAction action, String sqlState, String message) {
        try {
            action.run();
            check(name, "no error", sqlState);
        } catch (SQLException e) {
            String primary = e instanceof PSQLException && ((PSQLException) e).getServerErrorMessage() != null
                    ? ((PSQLException) e).getServerErrorMessage().getMessage() : e.getMessage();
            check(name, List.of(String.valueOf(e.getSQLState()), message == null ? "" : primary),
                  List.of(sqlState, message == null ? "" : message));
        }
    }

    static Connection connect(String options) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database
                + "?user=postgres" + options);
    }

    static Object one(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }

    static List<Object> column(Connection c, String sql, Object... params) throws SQLException {
        List<Object> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getObject(1));
            }
        }
        return out;
    }

    static PGobject ptarget(String text) throws SQLException {
        PGobject o = new PGobject();
        o.setType("ptarget");
        o.setValue(text);
        return o;
    }

    /**
     * A ptarget that the driver can move in binary: version byte 1 + UTF-8 text.
     * Used only with binaryTransferEnable=<oid of ptarget> and addDataType("ptarget", ...).
     */
    public static class PTargetBinary extends PGobject implements PGBinaryObject {
        static int sentBinary = 0;
        byte version = 1;

        public PTargetBinary() { setType("ptarget"); }

        @Override public void setByteValue(byte[] bytes, int offset) throws SQLException {
            if (bytes[offset] != 1) throw new SQLException("unsupported ptarget binary version " + bytes[offset]);
            value = new String(bytes, offset + 1, bytes.length - offset - 1, StandardCharsets.UTF_8);
        }

        @Override public int lengthInBytes() { return 1 + value.getBytes(StandardCharsets.UTF_8).length; }

        @Override public void toBytes(byte[] bytes, int offset) {
            byte[] text = value.getBytes(StandardCharsets.UTF_8);
            bytes[offset] = version;
            System.arraycopy(text, 0, bytes, offset + 1, text.length);
            sentBinary++;
        }
    }

    static PTargetBinary binary(String text) throws SQLException {
        PTargetBinary o = new PTargetBinary();
        o.setValue(text);
        return o;
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x", x));
        return s.toString();
    }

    // ------------------------------------------------------------------ text
    static void textChecks(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT '>=95%'::ptarget, '不超过50万元'::ptarget, '2025年3月底前'::ptarget")) {
            rs.next();
            check("getString of '>=95%'::ptarget is the canonical text", rs.getString(1), "≥95%");
            check("getString of '不超过50万元'::ptarget", rs.getString(2), "≤50万元");
            check("getString of '2025年3月底前'::ptarget", rs.getString(3), "≤2025年3月31日");
            Object o = rs.getObject(1);
            check("getObject returns a PGobject", o.getClass().getName(), "org.postgresql.util.PGobject");
            PGobject p = (PGobject) o;
            check("PGobject.getType() is ptarget, getValue() the canonical text",
                  List.of(p.getType(), p.getValue()), List.of("ptarget", "≥95%"));
            check("PGobject equals a PGobject built from the canonical text", p, ptarget("≥95%"));
            ResultSetMetaData md = rs.getMetaData();
            check("metadata: column type name ptarget, java.sql.Types.OTHER",
                  List.of(md.getColumnTypeName(1), md.getColumnType(1)), List.of("ptarget", Types.OTHER));
        }

        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE j_target (id int PRIMARY KEY, target ptarget NOT NULL)");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO j_target VALUES (?, ?)")) {
            String[] values = {"≥95%", ">=98%", "≤0.55万元"};
            for (int i = 0; i < values.length; i++) {
                ps.setInt(1, i + 1);
                ps.setObject(2, ptarget(values[i]));
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO j_target VALUES (?, ?::ptarget)")) {
            String[] values = {"2025年9月30日之前", "普遍满意"};
            for (int i = 0; i < values.length; i++) {
                ps.setInt(1, i + 4);
                ps.setString(2, values[i]);
                ps.executeUpdate();
            }
        }
        check("written with setObject(PGobject) and setString + ?::ptarget, read back canonical",
              column(c, "SELECT target::text FROM j_target ORDER BY id"),
              List.of("≥95%", "≥98%", "≤0.55万元", "≤2025年9月30日", "普遍满意"));
        checkError("setString without a cast: varchar is not ptarget (42804)", () -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO j_target VALUES (6, ?)")) {
                ps.setString(1, "≥90%");
                ps.executeUpdate();
            }
        }, "42804", "column \"target\" is of type ptarget but expression is of type character varying");
        try (Connection u = connect("&stringtype=unspecified");
             PreparedStatement ps = u.prepareStatement("INSERT INTO j_target VALUES (6, ?)")) {
            ps.setString(1, "≥90%");
            ps.executeUpdate();
            check("stringtype=unspecified: setString without a cast writes a ptarget",
                  one(u, "SELECT target::text FROM j_target WHERE id = 6"), "≥90%");
        }

        check("target @> ?::ptarget with setString('≥98%')",
              column(c, "SELECT id FROM j_target WHERE target @> ?::ptarget ORDER BY id", "≥98%"),
              List.of(1, 2, 6));
        check("target @> ? with a PGobject parameter",
              column(c, "SELECT id FROM j_target WHERE target @> ? ORDER BY id", ptarget("≥92%")),
              List.of(6));
        check("target @> ? with a BigDecimal parameter (numeric 96.5)",
              column(c, "SELECT id FROM j_target WHERE target @> ? ORDER BY id", new BigDecimal("96.5")),
              List.of(1, 6));
        check("target @> ?::date with a java.sql.Date",
              column(c, "SELECT id FROM j_target WHERE target @> ?::date ORDER BY id", Date.valueOf("2025-09-30")),
              List.of(4));
        check("target = ? ('≤5500元' equals '≤0.55万元')",
              column(c, "SELECT id FROM j_target WHERE target = ? ORDER BY id", ptarget("≤5500元")),
              List.of(3));
    }

    // ---------------------------------------------------------------- binary
    /** Formats (0 text, 1 binary) of columns 1 and 2 over seven executions of one PreparedStatement. */
    static List<String> formats(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT target, id FROM j_target WHERE id = 1")) {
            for (int i = 0; i < 7; i++) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    PGResultSetMetaData md = rs.getMetaData().unwrap(PGResultSetMetaData.class);
                    out.add(md.getFormat(1) + "/" + md.getFormat(2) + ":" + rs.getString(1));
                }
            }
        }
        return out;
    }

    static void binaryChecks(Connection c) throws SQLException {
        long oid = (Long) one(c, "SELECT 'ptarget'::regtype::oid::int8");

        // default: prepareThreshold=5; from the 6th execution on the driver asks for binary
        // results, but only for the types it knows (int4 here); ptarget stays text
        check("default settings: ptarget always text, int4 binary from the 6th execution",
              formats(c), List.of("0/0:≥95%", "0/0:≥95%", "0/0:≥95%", "0/0:≥95%", "0/0:≥95%",
                                  "0/1:≥95%", "0/1:≥95%"));
        try (Connection f = connect("&prepareThreshold=-1")) {
            check("prepareThreshold=-1 (binary from the 1st execution): ptarget still text",
                  formats(f), List.of("0/1:≥95%", "0/1:≥95%", "0/1:≥95%", "0/1:≥95%", "0/1:≥95%",
                                      "0/1:≥95%", "0/1:≥95%"));
        }
        checkError("binaryTransferEnable=ptarget: only oids of custom types are accepted", () -> {
            try (Connection x = connect("&binaryTransferEnable=ptarget")) { x.isValid(1); }
        }, "22023", "oid type ptarget not known and not a number");

        // binaryTransferEnable=<oid>: ptarget moves in binary; a plain PGobject cannot read it
        try (Connection b = connect("&prepareThreshold=-1&binaryTransferEnable=" + oid);
             PreparedStatement ps = b.prepareStatement("SELECT target FROM j_target WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            PGResultSetMetaData md = rs.getMetaData().unwrap(PGResultSetMetaData.class);
            check("binaryTransferEnable=<oid>: the ptarget column arrives in binary", md.getFormat(1), 1);
            check("binary: getBytes is version byte 1 + UTF-8 text", hex(rs.getBytes(1)),
                  "01" + hex("≥95%".getBytes(StandardCharsets.UTF_8)));
            check("binary without a registered class: getString returns null (value lost)", rs.getString(1), null);
            check("binary without a registered class: PGobject.getValue() is null",
                  ((PGobject) rs.getObject(1)).getValue(), null);
        }

        // ... with a PGBinaryObject class registered for ptarget it works both ways
        try (Connection b = connect("&prepareThreshold=-1&binaryTransferEnable=" + oid)) {
            b.unwrap(PGConnection.class).addDataType("ptarget", PTargetBinary.class);
            try (PreparedStatement ps = b.prepareStatement("SELECT target FROM j_target ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                List<Object> got = new ArrayList<>();
                int fmt = rs.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1);
                while (rs.next()) {
                    Object o = rs.getObject(1);
                    got.add(o.getClass().getSimpleName() + " " + ((PGobject) o).getValue() + " " + rs.getString(1));
                }
                check("binary with addDataType(PGBinaryObject): values equal the text form",
                      List.of(fmt, got), List.of(1, List.of("PTargetBinary ≥95% ≥95%", "PTargetBinary ≥98% ≥98%",
                          "PTargetBinary ≤0.55万元 ≤0.55万元", "PTargetBinary ≤2025年9月30日 ≤2025年9月30日",
                          "PTargetBinary 普遍满意 普遍满意", "PTargetBinary ≥90% ≥90%")));
            }
            PTargetBinary.sentBinary = 0;
            try (PreparedStatement ps = b.prepareStatement("INSERT INTO j_target VALUES (7, ?)")) {
                ps.setObject(1, binary(">=99%"));
                ps.executeUpdate();
            }
            check("binary write of a PGBinaryObject: sent binary, parsed to canonical",
                  List.of(PTargetBinary.sentBinary, one(b, "SELECT target::text FROM j_target WHERE id = 7")),
                  List.of(1, "≥99%"));
            PTargetBinary bad = binary("≥95%");
            bad.version = 2;
            checkError("binary value with version byte 2: 22P03", () -> one(b, "SELECT ?::text", bad), "22P03", null);
        }
        try (Connection t = connect("")) {            // without binaryTransferEnable: sent as text
            PTargetBinary.sentBinary = 0;
            check("without binaryTransferEnable a PGBinaryObject is sent as text",
                  List.of(String.valueOf(one(t, "SELECT ?::text", binary(">=80%"))), PTargetBinary.sentBinary),
                  List.of("≥80%", 0));
        }
    }

    // ---------------------------------------------------- import, flat view
    static Map<String, Object> row(Connection c, String level3) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kind, operator, magnitude, unit, lower_bound, lower_inclusive, upper_bound, "
                + "upper_inclusive, first_day, last_day, target_text FROM ptarget_indicators WHERE level3 = ?")) {
            ps.setString(1, level3);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return m;
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) m.put(md.getColumnName(i), rs.getObject(i));
                if (rs.next()) m.put("error", "more than one row");
            }
        }
        return m;
    }

    static Map<String, Object> expect(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        String[] names = {"kind", "operator", "magnitude", "unit", "lower_bound", "lower_inclusive",
                          "upper_bound", "upper_inclusive", "first_day", "last_day", "target_text"};
        for (int i = 0; i < names.length; i++) m.put(names[i], kv[i]);
        return m;
    }

    static void importChecks(Connection c, String seed) throws Exception {
        String doc = Files.readString(Path.of(seed), StandardCharsets.UTF_8);
        String source = Path.of(seed).getFileName().toString();
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM ptarget_import(?, ?)")) {
            ps.setString(1, doc);
            ps.setString(2, source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                check("SELECT count(*) FROM ptarget_import(?, ?) of " + source, rs.getLong(1), 70L);
            }
        }
        check("ptarget_document: source, projects, indicators, quantities, dates, labels, unparsed",
              column(c, "SELECT concat_ws(' ', source, projects, indicators, quantities, dates, labels, unparsed) "
                        + "FROM ptarget_document"),
              List.of(source + " 7 70 55 3 12 0"));
        check("7 projects", one(c, "SELECT count(*) FROM ptarget_project"), 7L);
        check("70 rows in the flat view ptarget_indicators", one(c, "SELECT count(*) FROM ptarget_indicators"), 70L);
        check("kinds in the view", column(c, "SELECT kind || ' ' || count(*) FROM ptarget_indicators GROUP BY kind ORDER BY kind"),
              List.of("date 3", "label 12", "quantity 55"));

        // chosen rows, plain columns: numeric as exact BigDecimal, date as java.sql.Date;
        // read twice: text transfer, then binary transfer (prepareThreshold=-1)
        Map<String, Map<String, Object>> want = new LinkedHashMap<>();
        want.put("机动车查验智能终端设备购买单价", expect("quantity", "≤", new BigDecimal("0.55"), "万元",
                null, false, new BigDecimal("5500"), true, null, null, "≤0.55万元"));
        want.put("发行债券所需利息", expect("quantity", "≤", new BigDecimal("11.09"), "万元",
                null, false, new BigDecimal("110900"), true, null, null, "≤11.09万元"));
        want.put("本金计息时间", expect("quantity", "=", new BigDecimal("365"), "天",
                new BigDecimal("31536000"), true, new BigDecimal("31536000"), true, null, null, "365天"));
        want.put("自助设备业务办理群众的满意度", expect("quantity", ">", new BigDecimal("90"), "%",
                new BigDecimal("90"), false, null, false, null, null, ">90%"));
        want.put("采购临时号牌数量", expect("quantity", "≥", new BigDecimal("280"), "万张",
                new BigDecimal("2800000"), true, null, false, null, null, "≥280万张"));
        want.put("完成招标时间", expect("date", "≤", null, null, null, false, null, true,
                null, Date.valueOf("2025-03-31"), "≤2025年3月31日"));
        want.put("本期电费支持时间", expect("date", "~", null, null, null, true, null, true,
                Date.valueOf("2025-01-01"), Date.valueOf("2025-12-31"), "2025年"));
        // the deadline written with prose (2025年12月底之前完成项目资金阶段性支付): the import reads its constraint
        want.put("资金支付时效", expect("date", "≤", null, null, null, false, null, true,
                null, Date.valueOf("2025-12-31"), "≤2025年12月31日"));
        for (Map.Entry<String, Map<String, Object>> e : want.entrySet()) {
            Map<String, Object> got = row(c, e.getKey());
            boolean classes = got.size() == e.getValue().size();
            for (String k : e.getValue().keySet()) {
                Object g = got.get(k), w = e.getValue().get(k);
                classes &= (g == null) == (w == null) && (g == null || g.getClass() == w.getClass());
            }
            check("view row '" + e.getKey() + "' (text transfer): exact values and classes",
                  classes ? got : "classes differ: " + got, e.getValue());
        }
        try (Connection b = connect("&prepareThreshold=-1")) {
            try (PreparedStatement ps = b.prepareStatement(
                    "SELECT upper_bound, last_day FROM ptarget_indicators WHERE level3 = '完成招标时间' "
                    + "OR level3 = '机动车查验智能终端设备购买单价' ORDER BY value_line");
                 ResultSet rs = ps.executeQuery()) {
                PGResultSetMetaData md = rs.getMetaData().unwrap(PGResultSetMetaData.class);
                List<Object> got = new ArrayList<>(List.of(md.getFormat(1), md.getFormat(2)));
                while (rs.next()) { got.add(rs.getBigDecimal(1)); got.add(rs.getDate(2)); }
                check("binary transfer of numeric and date columns stays exact", got,
                      Arrays.asList(1, 1, new BigDecimal("5500"), null, null, Date.valueOf("2025-03-31")));
            }
            for (Map.Entry<String, Map<String, Object>> e : want.entrySet()) {
                if (!e.getKey().equals("本金计息时间") && !e.getKey().equals("本期电费支持时间")) continue;
                check("view row '" + e.getKey() + "' (binary transfer)", row(b, e.getKey()), e.getValue());
            }
        }
        check("the ptarget column of an imported row as PGobject",
              one(c, "SELECT i.target FROM ptarget_indicator i WHERE level3 = '项目实际成本'"),
              ptarget("≤6300万元"));
        check("? @> target over the imported targets: those at least as strict as ≥95%",
              column(c, "SELECT target::text || ' ' || count(*) FROM ptarget_indicator WHERE ? @> target "
                        + "GROUP BY target ORDER BY target", ptarget("≥95%")),
              List.of("≥95% 7", "≥98% 2", "≥99% 1", "100% 3"));   // ordered by lower bound
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM ptarget_import(?, ?)")) {
            ps.setString(1, doc);
            ps.setString(2, source);
            ps.executeQuery().close();
        }
        check("importing the same document again leaves 7 projects and 70 indicators",
              List.of(one(c, "SELECT count(*) FROM ptarget_project"), one(c, "SELECT count(*) FROM ptarget_indicator")),
              List.of(7L, 70L));
    }

    // ---------------------------------------------------------------- errors
    static void errorChecks(Connection c) throws SQLException {
        checkError("bad value via setString + ?::ptarget: SQLState 22P02", () -> one(c, "SELECT ?::ptarget", "≥95%%"),
                   "22P02", "invalid input syntax for type ptarget: \"≥95%%\"");
        checkError("bad value via a PGobject parameter: 22P02",
                   () -> one(c, "INSERT INTO j_target VALUES (8, ?) RETURNING id", ptarget("10~5个")),
                   "22P02", "invalid input syntax for type ptarget: \"10~5个\"");
        checkError("impossible date: 22008", () -> one(c, "SELECT ?::ptarget", "2025年2月29日之前"), "22008", null);
        check("the connection is usable after the errors; failed inserts left nothing",
              one(c, "SELECT count(*) FROM j_target"), 7L);
    }

    public static void main(String[] args) {
        host = args[0];
        port = args[1];
        database = args[2];
        try (Connection c = connect("")) {
            textChecks(c);
            binaryChecks(c);
            importChecks(c, args[3]);
            errorChecks(c);
        } catch (Exception e) {
            e.printStackTrace(System.out);
            failed++;
            System.out.println("FAIL - jdbc: the program stopped with an exception");
        }
        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
