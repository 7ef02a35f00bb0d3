package io.fpi.launcher.bench;

import io.fpi.schemas.EventCodec;
import io.fpi.schemas.FulfillmentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * B0, the consume + decode limit: plain KafkaConsumers (one thread per partition group, as many as
 * the job's parallelism) read the whole topic and decode every value with {@link EventCodec},
 * reusing the decoder and the record. Nothing else happens, so no Flink stage can be faster on this
 * machine. Timed from the first record received to the last thread reaching the end offsets.
 */
final class ConsumeDecodeBench {
    private final String bootstrap;
    private final String topic;
    private final int threads;

    ConsumeDecodeBench(String bootstrap, String topic, int threads) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.threads = threads;
    }

    record Result(long records, long undecodable, double seconds) {
        double perSecond() {
            return records / seconds;
        }
    }

    Result run(String groupId) throws Exception {
        List<TopicPartition> partitions = partitions();
        int n = Math.min(threads, partitions.size());
        CyclicBarrier ready = new CyclicBarrier(n);
        AtomicLong firstRecord = new AtomicLong(Long.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> new Thread(r, "fpi-bench-b0"));
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                List<TopicPartition> mine = new ArrayList<>();
                for (int p = t; p < partitions.size(); p += n) {
                    mine.add(partitions.get(p));
                }
                parts.add(pool.submit(() -> consume(groupId, mine, ready, firstRecord)));
            }
            long records = 0;
            long bad = 0;
            long end = 0;
            for (Future<long[]> f : parts) {
                long[] r = f.get(30, TimeUnit.MINUTES);
                records += r[0];
                bad += r[1];
                end = Math.max(end, r[2]);
            }
            return new Result(records, bad, (end - firstRecord.get()) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Returns {records, undecodable, end nanoTime}. */
    private long[] consume(String groupId, List<TopicPartition> mine, CyclicBarrier ready, AtomicLong firstRecord)
            throws Exception {
        EventCodec codec = new EventCodec();
        FulfillmentEvent reuse = null;
        long records = 0;
        long bad = 0;
        long checksum = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties(groupId))) {
            consumer.assign(mine);
            consumer.seekToBeginning(mine);
            Map<TopicPartition, Long> end = consumer.endOffsets(mine);
            long total = 0;
            for (TopicPartition tp : mine) {
                total += end.get(tp) - consumer.position(tp);
            }
            ready.await(60, TimeUnit.SECONDS);
            while (records < total) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty() && records == 0) {
                    long now = System.nanoTime();
                    firstRecord.accumulateAndGet(now, Math::min);
                }
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    records++;
                    try {
                        reuse = codec.decode(r.value(), reuse);
                        checksum += reuse.getEventTime();
                    } catch (Exception e) {
                        bad++; // the topic's malformed records, as in the job (where they become dead letters)
                        reuse = null;
                    }
                }
            }
        }
        long endNanos = System.nanoTime();
        if (checksum == 42) {
            System.out.print(""); // keeps the decoded values observable, so the JIT cannot drop the decoding
        }
        return new long[] {records, bad, endNanos};
    }

    private List<TopicPartition> partitions() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties("fpi-bench-metadata"))) {
            List<TopicPartition> out = new ArrayList<>();
            for (PartitionInfo p : c.partitionsFor(topic, Duration.ofSeconds(30))) {
                out.add(new TopicPartition(topic, p.partition()));
            }
            out.sort(java.util.Comparator.comparingInt(TopicPartition::partition));
            return out;
        }
    }

    private Properties properties(String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
