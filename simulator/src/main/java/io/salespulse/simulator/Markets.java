package io.salespulse.simulator;

import io.salespulse.schema.order.CardType;
import java.math.BigDecimal;
import java.util.List;

/** Where the demo shop sells, how much of its traffic each market brings, and how people there pay. */
final class Markets {

    record Market(String country, String currency, BigDecimal pricePerUsd, int weight) {
    }

    record CardShare(CardType cardType, int weight) {
    }

    static final List<Market> MARKETS = List.of(
            market("US", "USD", "1.00", 30),
            market("GB", "GBP", "0.79", 10),
            market("DE", "EUR", "0.93", 10),
            market("FR", "EUR", "0.93", 7),
            market("IN", "INR", "83.00", 8),
            market("CA", "CAD", "1.37", 6),
            market("JP", "JPY", "150.00", 6),
            market("BR", "BRL", "5.50", 5),
            market("AU", "AUD", "1.52", 5),
            market("ES", "EUR", "0.93", 4),
            market("IT", "EUR", "0.93", 4),
            market("NL", "EUR", "0.93", 2),
            market("SE", "SEK", "10.50", 2),
            market("CH", "CHF", "0.89", 1));

    static final List<CardShare> CARD_SHARES = List.of(
            new CardShare(CardType.VISA, 45),
            new CardShare(CardType.MASTERCARD, 30),
            new CardShare(CardType.AMEX, 12),
            new CardShare(CardType.DISCOVER, 6),
            new CardShare(CardType.JCB, 3),
            new CardShare(CardType.UNIONPAY, 3),
            new CardShare(CardType.DINERS, 1));

    private Markets() {
    }

    private static Market market(String country, String currency, String pricePerUsd, int weight) {
        return new Market(country, currency, new BigDecimal(pricePerUsd), weight);
    }
}
