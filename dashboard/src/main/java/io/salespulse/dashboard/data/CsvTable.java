package io.salespulse.dashboard.data;

import java.util.List;

/** A panel's data as a table, for the CSV export. */
public interface CsvTable {

    List<String> csvHeader();

    List<List<Object>> csvRows();
}
