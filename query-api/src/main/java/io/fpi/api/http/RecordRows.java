package io.fpi.api.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records as CSV rows: the column names are the JSON names (snake_case record components), the cells
 * the component values in order. So a list's CSV has exactly the fields of its JSON items.
 */
public final class RecordRows {
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private RecordRows() {}

    public static List<String> header(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> SNAKE.translate(c.getName())).toList();
    }

    public static List<Object> row(Record r) {
        List<Object> out = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                out.add(c.getAccessor().invoke(r));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
            }
        }
        return out;
    }

    public static List<List<Object>> rows(List<? extends Record> records) {
        return records.stream().map(RecordRows::row).toList();
    }
}
