package io.tributary.cli;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary topic}: creates, lists, describes and deletes topics through Kafka's Admin client. */
@Command(name = "topic", mixinStandardHelpOptions = true, description = "Manages topics on a running broker.",
        subcommands = {TopicCommand.Create.class, TopicCommand.ListTopics.class, TopicCommand.Describe.class,
                TopicCommand.Delete.class})
final class TopicCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs {@code action} with an Admin client and turns a client error into exit code 1. */
    static int withAdmin(ClientOptions client, CommandSpec spec, AdminAction action) {
        try (Admin admin = Admin.create(client.properties())) {
            action.run(admin);
            return 0;
        } catch (ExecutionException e) {
            spec.commandLine().getErr().println(spec.name() + ": " + e.getCause().getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            spec.commandLine().getErr().println(spec.name() + ": " + e.getMessage());
            return 1;
        }
    }

    @FunctionalInterface
    interface AdminAction {
        void run(Admin admin) throws Exception;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a topic.")
    static final class Create implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private ClientOptions client;
        @Parameters(index = "0", paramLabel = "TOPIC", description = "Name of the topic to create.")
        private String topic;
        @Option(names = "--partitions", paramLabel = "N",
                description = "Number of partitions (default: the broker's num.partitions).")
        private Integer partitions;
        @Option(names = "--config", paramLabel = "NAME=VALUE",
                description = "Topic-level setting, e.g. --config segment.bytes=1048576. Repeatable.")
        private Map<String, String> configs = Map.of();

        @Override
        public Integer call() {
            return withAdmin(client, spec, admin -> {
                NewTopic newTopic = new NewTopic(topic, Optional.ofNullable(partitions), Optional.empty())
                        .configs(configs);
                admin.createTopics(List.of(newTopic)).all().get(client.timeoutMs, TimeUnit.MILLISECONDS);
                spec.commandLine().getOut().println("Created topic " + topic);
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the topics, one per line.")
    static final class ListTopics implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private ClientOptions client;

        @Override
        public Integer call() {
            return withAdmin(client, spec, admin -> {
                Set<String> names = admin.listTopics().names().get(client.timeoutMs, TimeUnit.MILLISECONDS);
                new TreeSet<>(names).forEach(spec.commandLine().getOut()::println);
            });
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Prints the partitions of topics, with leader and replicas.")
    static final class Describe implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private ClientOptions client;
        @Parameters(arity = "1..*", paramLabel = "TOPIC", description = "Topics to describe.")
        private List<String> topics;

        @Override
        public Integer call() {
            return withAdmin(client, spec, admin -> {
                Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                        .get(client.timeoutMs, TimeUnit.MILLISECONDS);
                for (String name : topics) {
                    print(descriptions.get(name));
                }
            });
        }

        private void print(TopicDescription description) {
            Collection<TopicPartitionInfo> partitions = description.partitions();
            spec.commandLine().getOut().printf("Topic: %s\tTopicId: %s\tPartitionCount: %d%n", description.name(),
                    description.topicId(), partitions.size());
            for (TopicPartitionInfo partition : partitions) {
                spec.commandLine().getOut().printf("\tPartition: %d\tLeader: %s\tReplicas: %s%n",
                        partition.partition(), partition.leader() == null ? "none" : partition.leader().id(),
                        partition.replicas().stream().map(node -> String.valueOf(node.id())).toList());
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes topics and their data.")
    static final class Delete implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private ClientOptions client;
        @Parameters(arity = "1..*", paramLabel = "TOPIC", description = "Topics to delete.")
        private List<String> topics;

        @Override
        public Integer call() {
            return withAdmin(client, spec, admin -> {
                admin.deleteTopics(topics).all().get(client.timeoutMs, TimeUnit.MILLISECONDS);
                spec.commandLine().getOut().println("Deleted " + String.join(", ", topics));
            });
        }
    }
}
