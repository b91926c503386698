package io.salespulse.dashboard.data;

import java.util.List;

/**
 * What the streaming job committed in the selected range (by commit time): batches, records read, valid orders,
 * dead letters and late events. Pipeline-wide: filters do not apply.
 */
public record PipelineCounts(long batches, long inputRecords, long validOrders, long deadLetters, long lateEvents)
        implements CsvTable {

    public static final PipelineCounts ZERO = new PipelineCounts(0, 0, 0, 0, 0);

    public PipelineCounts plus(PipelineCounts o) {
        return new PipelineCounts(batches + o.batches, inputRecords + o.inputRecords, validOrders + o.validOrders,
                deadLetters + o.deadLetters, lateEvents + o.lateEvents);
    }

    @Override
    public List<String> csvHeader() {
        return List.of("batches", "input_records", "valid_orders", "dead_letters", "late_events");
    }

    @Override
    public List<List<Object>> csvRows() {
        return List.of(List.of(batches, inputRecords, validOrders, deadLetters, lateEvents));
    }
}
