package io.azsync.sink;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at semicolons that are code: not inside a string ({@code '…'}),
 * a quoted identifier ({@code "…"}), a dollar-quoted body ({@code $$…$$}) or a comment
 * ({@code -- …}, {@code /* … *}{@code /}). Statements that are only comments or blanks are left out.
 */
final class SqlStatements {

    private SqlStatements() {
    }

    static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean code = false;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                current.append(sql, i, end);
                i = end;
            } else if (ch == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                current.append(sql, i, end);
                i = end;
            } else if (ch == '\'' || ch == '"') {
                int end = i + 1;
                while (end < n && !(sql.charAt(end) == ch && (end + 1 >= n || sql.charAt(end + 1) != ch))) {
                    end += sql.charAt(end) == ch ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                current.append(sql, i, end);
                code = true;
                i = end;
            } else if (ch == '$' && i + 1 < n && sql.charAt(i + 1) == '$') {
                int end = sql.indexOf("$$", i + 2);
                end = end < 0 ? n : end + 2;
                current.append(sql, i, end);
                code = true;
                i = end;
            } else if (ch == ';') {
                if (code) {
                    out.add(current.toString().strip());
                }
                current.setLength(0);
                code = false;
                i++;
            } else {
                if (!Character.isWhitespace(ch)) {
                    code = true;
                }
                current.append(ch);
                i++;
            }
        }
        if (code) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
