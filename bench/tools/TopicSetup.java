import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics of a benchmark phase in one CreateTopics request, so that the harness starts one JVM
 * per phase instead of one per topic.
 *
 * <p>Usage: {@code TopicSetup BOOTSTRAP TIMEOUT_SECONDS NAME:PARTITIONS...}. Every topic gets replication
 * factor 1. Exits with status 1 when a topic cannot be created within the timeout.
 */
public final class TopicSetup {
    private TopicSetup() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: TopicSetup BOOTSTRAP TIMEOUT_SECONDS NAME:PARTITIONS...");
            System.exit(2);
        }
        String bootstrap = args[0];
        long timeoutSeconds = Long.parseLong(args[1]);
        List<NewTopic> topics = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            int colon = args[i].lastIndexOf(':');
            if (colon <= 0) {
                System.err.println("TopicSetup: invalid topic '" + args[i] + "', expected NAME:PARTITIONS");
                System.exit(2);
            }
            topics.add(new NewTopic(args[i].substring(0, colon), Integer.parseInt(args[i].substring(colon + 1)), (short) 1));
        }

        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(timeoutSeconds));
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(topics).all().get(timeoutSeconds, TimeUnit.SECONDS);
        }
        System.out.println("created " + topics.size() + " topics");
    }
}
