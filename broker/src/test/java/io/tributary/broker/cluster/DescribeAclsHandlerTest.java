package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.support.BrokerHarness;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DescribeAclsRequest;
import io.tributary.protocol.message.DescribeAclsResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DescribeAclsHandlerTest {

    @RegisterExtension
    final BrokerHarness harness = BrokerHarness.perTest();

    @Test
    void anyFilterIsSecurityDisabled() {
        DescribeAclsResponse response = harness.send(ApiKey.DESCRIBE_ACLS, 3, new DescribeAclsRequest((byte) 1, null,
                (byte) 1, null, null, (byte) 1, (byte) 1));

        assertThat(response.error()).isEqualTo(ErrorCode.SECURITY_DISABLED);
        assertThat(response.errorMessage()).isEqualTo("No Authorizer is configured on the broker");
    }
}
