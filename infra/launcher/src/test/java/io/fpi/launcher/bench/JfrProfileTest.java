package io.fpi.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrProfileTest {

    @Test
    void flink_subtasks_of_one_operator_chain_share_a_thread_group() {
        assertThat(JfrProfile.threadGroup("trace-builder (1/2)#0")).isEqualTo("trace-builder");
        assertThat(JfrProfile.threadGroup("trace-builder (2/2)#0")).isEqualTo("trace-builder");
        assertThat(JfrProfile.threadGroup("HttpClient-7-Worker-12")).isEqualTo("HttpClient-7-Worker-N");
    }

    @Test
    void packages_are_cut_to_three_segments() {
        assertThat(JfrProfile.packageOf("org.apache.flink.runtime.io.network.api.Foo")).isEqualTo("org.apache.flink");
        assertThat(JfrProfile.packageOf("java.util.HashMap")).isEqualTo("java.util");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_recording_of_busy_code_is_summarised_with_the_hot_method_on_top(@TempDir Path dir) throws Exception {
        var recording = JfrProfile.start();
        long x = 0;
        long until = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < until) {
            x = spin(x);
        }
        Path file = dir.resolve("t.jfr");
        JfrProfile.stop(recording, file);
        assertThat(x).isNotZero();

        Map<String, Object> s = JfrProfile.summarize(file, 5);
        assertThat((Integer) s.get("execution_samples")).isGreaterThan(10);
        List<Map<String, Object>> self = (List<Map<String, Object>>) s.get("top_self_methods");
        assertThat(self.get(0).get("name").toString()).endsWith("JfrProfileTest.spin");
        assertThat(JfrProfile.render(s)).anyMatch(l -> l.contains("JfrProfileTest.spin"));
    }

    private static long spin(long x) {
        for (int i = 0; i < 100_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x == 0 ? 1 : x;
    }
}
