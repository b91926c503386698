package io.salespulse.dashboard.api;

import java.util.List;

/** The values the filter lists offer: those seen in the last five weeks (card types: all known). */
public record FilterOptions(List<Option> countries, List<Option> cardTypes, List<Option> categories) {

    public record Option(String value, String label) {
    }
}
