package dev.lockscope.realworld.kafka;

import dev.lockscope.realworld.DriverArgs;
import dev.lockscope.realworld.Figures;
import dev.lockscope.realworld.Load;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Starts a single-node KRaft broker (combined broker and controller) in this JVM, times it until a topic is created
 * and a record acknowledged ({@code ready.ms}, from the JVM's start; {@code broker.start.ms} for the broker alone),
 * then has the load threads send small records through ONE shared {@link KafkaProducer} while two consumers of one
 * group read the topic in the background. One operation is one {@code send}; a failed acknowledgement is an error.
 */
public final class KafkaDriver {
    static final String TOPIC = "orders";
    static final int PARTITIONS = 3;
    static final int CONSUMERS = 2;

    private KafkaDriver() {
    }

    public static void main(String[] argv) {
        DriverArgs args = DriverArgs.parse(argv, 10, 3, 8);
        int exit;
        try {
            exit = run(args);
        } catch (Throwable e) {
            // the broker's and clients' threads are not daemons: a failure must still end the process
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    static int run(DriverArgs args) throws Exception {
        Path dir = Files.createTempDirectory("lockscope-kafka");
        int brokerPort = freePort();
        long t0 = System.nanoTime();
        KafkaRaftServer server = startBroker(dir, brokerPort, freePort());
        long brokerMs = (System.nanoTime() - t0) / 1_000_000;
        String bootstrap = "127.0.0.1:" + brokerPort;

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        }
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(bootstrap));
        producer.send(new ProducerRecord<>(TOPIC, new byte[100])).get();
        Figures.print("ready.ms", Figures.sinceJvmStartMillis());
        Figures.print("broker.start.ms", brokerMs);

        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> consumers = new ArrayList<>();
        List<KafkaConsumer<byte[], byte[]>> open = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap));
            open.add(consumer);
            Thread t = new Thread(() -> consume(consumer, stop), "consumer-" + c);
            consumers.add(t);
            t.start();
        }

        // The sends are asynchronous, as in a real producer: a failed acknowledgement arrives in the callback.
        LongAdder failedAcks = new LongAdder();
        AtomicReference<Exception> firstAckError = new AtomicReference<>();
        byte[] value = new byte[100];
        Load.Result load = Load.run(args, "producer", worker -> producer.send(new ProducerRecord<>(TOPIC, value), (meta, e) -> {
            if (e != null) {
                failedAcks.increment();
                firstAckError.compareAndSet(null, e);
            }
        }));
        producer.flush();
        Load.Result result = new Load.Result(load.ops(), load.seconds(), load.cpuNanos(), load.jitCpuNanos(), load.errors() + failedAcks.sum(),
                load.firstError() != null ? load.firstError() : firstAckError.get());
        int exit = Figures.printLoad(result);

        stop.set(true);
        open.forEach(KafkaConsumer::wakeup);
        for (Thread t : consumers) {
            t.join();
        }
        producer.close(Duration.ofSeconds(10));
        server.shutdown();
        server.awaitShutdown();
        deleteTree(dir);
        return exit;
    }

    /** Formats the log directory as {@code kafka-storage.sh format} would, then starts broker and controller. */
    static KafkaRaftServer startBroker(Path dir, int brokerPort, int controllerPort) throws Exception {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.toString());
        // one node: every internal topic with one replica; one offsets partition so the group starts quickly
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        KafkaConfig config = KafkaConfig.fromProps(p, false);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream())) // it reports to stdout otherwise
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(dir.toString())
                .addDirectory(dir.toString())
                .run();
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return server;
    }

    static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        // The senders outpace one broker on a small machine: a 4 MB buffer (not 32) keeps the final flush short.
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(4 << 20));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    static Properties consumerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "readers");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    static void consume(KafkaConsumer<byte[], byte[]> consumer, AtomicBoolean stop) {
        try (consumer) {
            consumer.subscribe(List.of(TOPIC));
            while (!stop.get()) {
                consumer.poll(Duration.ofMillis(200));
            }
        } catch (WakeupException e) {
            // the driver's stop
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
