package io.salespulse.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LiveStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    private static final String DESIRED = "{'metadata': {'labels': {'app': 'a', 'tier': 'x'}, 'annotations': {}},"
            + " 'spec': {'replicas': 1, 'template': {'spec': {'containers': [{'name': 'c', 'env': "
            + "[{'name': 'A', 'value': '1'}], 'resources': {'requests': {'cpu': '0.5', 'memory': '1Gi'}}}]}}}}";

    @Test
    void serverDefaultsAndOtherFieldsStillMatch() throws Exception {
        JsonNode live = json("{'metadata': {'labels': {'app': 'a', 'tier': 'x', 'extra': 'y'}, 'uid': 'u'},"
                + " 'spec': {'replicas': 1, 'strategy': {}, 'template': {'spec': {'containers': [{'name': 'c', "
                + "'imagePullPolicy': 'Never', 'env': [{'name': 'A', 'value': '1'}], "
                + "'resources': {'requests': {'cpu': '500m', 'memory': '1Gi'}}}]}}}, 'status': {'replicas': 1}}");
        assertThat(LiveState.covers(live, json(DESIRED))).isTrue();
    }

    @Test
    void inPlaceEditsDoNotMatch() throws Exception {
        String matching = "{'metadata': {'labels': {'app': 'a', 'tier': 'x'}}, 'spec': {'replicas': 1, 'template':"
                + " {'spec': {'containers': [{'name': 'c', 'env': [{'name': 'A', 'value': '1'}], 'resources': "
                + "{'requests': {'cpu': '500m', 'memory': '1Gi'}}}]}}}}";
        assertThat(LiveState.covers(json(matching), json(DESIRED))).isTrue();
        assertThat(LiveState.covers(json(matching.replace("'replicas': 1", "'replicas': 0")), json(DESIRED)))
                .as("scaled to 0").isFalse();
        assertThat(LiveState.covers(json(matching.replace(", 'tier': 'x'", "")), json(DESIRED)))
                .as("label removed").isFalse();
        assertThat(LiveState.covers(json(matching.replace("'value': '1'", "'value': '2'")), json(DESIRED)))
                .as("env changed").isFalse();
        assertThat(LiveState.covers(json(matching.replace("[{'name': 'A', 'value': '1'}]",
                "[{'name': 'A', 'value': '1'}, {'name': 'B', 'value': '2'}]")), json(DESIRED)))
                .as("env added (the list is the operator's)").isFalse();
        assertThat(LiveState.covers(json(matching.replace("'cpu': '500m'", "'cpu': '1'")), json(DESIRED)))
                .as("cpu changed").isFalse();
    }

    @Test
    void sparkMemoryIsNotMistakenForAQuantity() throws Exception {
        assertThat(LiveState.covers(json("{'v': '1g'}"), json("{'v': '1G'}"))).isFalse();
        assertThat(LiveState.covers(json("{'v': '1g'}"), json("{'v': '1g'}"))).isTrue();
    }
}
