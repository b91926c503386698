package io.salespulse.dashboard.security;

import io.netty.util.NetUtil;
import io.salespulse.dashboard.config.DashboardConfig;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The address a request came from, for per-client limits. X-Forwarded-For is believed only when the direct peer is
 * a configured trusted proxy, and then only up to the first hop that is not one: anything to the left of that was
 * written by the client and may be forged.
 */
@ApplicationScoped
public class ClientAddress {

    /** An address block; a single address is a block with the full prefix. */
    record Block(byte[] network, int prefix) {

        static Block parse(String text) {
            String value = text.strip();
            int slash = value.indexOf('/');
            byte[] address = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? value : value.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("salespulse.dashboard.sign-in.trusted-proxies: '" + value
                        + "' is not an IP address or CIDR block (e.g. 10.0.0.0/8)");
            }
            int prefix = address.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(value.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("salespulse.dashboard.sign-in.trusted-proxies: '" + value
                            + "' has a prefix length outside 0.." + address.length * 8);
                }
            }
            return new Block(address, prefix);
        }

        boolean contains(byte[] address) {
            if (address == null || address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Block> trusted;

    @Inject
    public ClientAddress(DashboardConfig config) {
        this(config.signIn().trustedProxies().orElse(List.of()));
    }

    ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().filter(s -> !s.isBlank()).map(Block::parse).toList();
    }

    public String of(RoutingContext routing) {
        return resolve(routing.request().remoteAddress().hostAddress(), routing.request().headers().getAll("X-Forwarded-For"));
    }

    /** The client address, given the direct peer and the X-Forwarded-For header lines (oldest hop first). */
    String resolve(String peer, List<String> forwardedFor) {
        if (!isTrusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String line : forwardedFor) {
            for (String hop : line.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (NetUtil.createByteArrayFromIpAddressString(hop) == null) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return hops.isEmpty() ? peer : hops.get(0);
    }

    private boolean isTrusted(String address) {
        byte[] bytes = address == null ? null : NetUtil.createByteArrayFromIpAddressString(address);
        return bytes != null && trusted.stream().anyMatch(b -> b.contains(bytes));
    }
}
