package io.salespulse.simulator;

import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;

/** Picks list elements with probability proportional to their weight. */
final class WeightedChoice<T> {

    private final List<T> values;
    private final int[] cumulative;

    WeightedChoice(List<T> values, ToIntFunction<T> weight) {
        this.values = List.copyOf(values);
        this.cumulative = new int[values.size()];
        int sum = 0;
        for (int i = 0; i < values.size(); i++) {
            sum += weight.applyAsInt(values.get(i));
            cumulative[i] = sum;
        }
    }

    T pick(Random random) {
        int target = random.nextInt(cumulative[cumulative.length - 1]);
        for (int i = 0; i < cumulative.length; i++) {
            if (target < cumulative[i]) {
                return values.get(i);
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
