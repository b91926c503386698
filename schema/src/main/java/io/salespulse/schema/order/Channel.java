package io.salespulse.schema.order;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where an order was placed. Optional in the contract: an order without it came through the web shop. */
public enum Channel {
    WEB("web"), MOBILE_APP("mobile_app"), MARKETPLACE("marketplace");

    /** What an order without a channel means (and what every order before the field existed was). */
    public static final Channel DEFAULT = WEB;

    private final String wire;

    Channel(String wire) {
        this.wire = wire;
    }

    /** Its value in the JSON contract and in the stores. */
    public String wire() {
        return wire;
    }

    public static Optional<Channel> ofWire(String value) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(value)).findFirst();
    }

    public static List<String> wires() {
        return Arrays.stream(values()).map(Channel::wire).toList();
    }
}
