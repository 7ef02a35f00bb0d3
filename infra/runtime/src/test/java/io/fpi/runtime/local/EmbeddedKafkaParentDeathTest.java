package io.fpi.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker must not outlive the JVM that started it, even when that JVM is killed with SIGKILL
 * (no shutdown hook runs then): a separate JVM starts an EmbeddedKafka, the test kills it with -9
 * and watches the broker's pid.
 */
class EmbeddedKafkaParentDeathTest {
    @TempDir
    Path dir;

    @Test
    void killing_the_launching_jvm_with_sigkill_stops_the_broker() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process launcher = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), dir.resolve("kafka").toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("launcher.err").toFile()))
                .start();
        long brokerPid = -1;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.startsWith("broker-pid=")) {
                line = out.readLine(); // the launcher's log lines share its stdout
            }
            assertThat(line).as("launcher output (see launcher.err)").startsWith("broker-pid=");
            brokerPid = Long.parseLong(line.substring("broker-pid=".length()));
            assertThat(EmbeddedKafkaLifecycleTest.isAlive(brokerPid)).isTrue();

            launcher.destroyForcibly(); // SIGKILL
            assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (EmbeddedKafkaLifecycleTest.isAlive(brokerPid) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(EmbeddedKafkaLifecycleTest.isAlive(brokerPid)).as("broker alive 15 s after its parent died").isFalse();
        } finally {
            launcher.destroyForcibly();
            if (brokerPid > 0) {
                ProcessHandle.of(brokerPid).ifPresent(ProcessHandle::destroyForcibly); // never leave an orphan behind
            }
        }
    }

    /** The JVM the test kills: starts a broker, prints its pid, then waits to be killed. */
    public static final class Launcher {
        public static void main(String[] args) throws Exception {
            EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]));
            System.out.println("broker-pid=" + kafka.pid());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // bounded: never outlives a broken test by much
            kafka.close();
        }
    }
}
