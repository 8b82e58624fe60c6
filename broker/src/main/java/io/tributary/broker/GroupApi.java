package io.tributary.broker;

import io.tributary.protocol.message.DeleteGroupsRequest;
import io.tributary.protocol.message.DeleteGroupsResponse;
import io.tributary.protocol.message.DescribeGroupsRequest;
import io.tributary.protocol.message.DescribeGroupsResponse;
import io.tributary.protocol.message.FindCoordinatorRequest;
import io.tributary.protocol.message.FindCoordinatorResponse;
import io.tributary.protocol.message.HeartbeatRequest;
import io.tributary.protocol.message.HeartbeatResponse;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.LeaveGroupRequest;
import io.tributary.protocol.message.LeaveGroupResponse;
import io.tributary.protocol.message.ListGroupsRequest;
import io.tributary.protocol.message.ListGroupsResponse;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetCommitResponse;
import io.tributary.protocol.message.OffsetDeleteRequest;
import io.tributary.protocol.message.OffsetDeleteResponse;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.message.OffsetFetchResponse;
import io.tributary.protocol.message.SyncGroupRequest;
import io.tributary.protocol.message.SyncGroupResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The group coordinator interface that the request dispatcher calls: one method per API of the classic consumer
 * group protocol and of group administration (ListGroups, DescribeGroups, DeleteGroups, OffsetDelete). Each method follows the {@link RequestDispatcher} contract: state changes happen before
 * it returns, waiting (join and sync barriers, the fsync of a commit) happens in the returned future, and
 * errors go into the response instead of being thrown.
 */
public interface GroupApi {

    CompletableFuture<FindCoordinatorResponse> findCoordinator(RequestContext context, FindCoordinatorRequest request);

    CompletableFuture<JoinGroupResponse> joinGroup(RequestContext context, JoinGroupRequest request);

    CompletableFuture<SyncGroupResponse> syncGroup(RequestContext context, SyncGroupRequest request);

    CompletableFuture<HeartbeatResponse> heartbeat(RequestContext context, HeartbeatRequest request);

    CompletableFuture<LeaveGroupResponse> leaveGroup(RequestContext context, LeaveGroupRequest request);

    CompletableFuture<OffsetCommitResponse> offsetCommit(RequestContext context, OffsetCommitRequest request);

    CompletableFuture<OffsetFetchResponse> offsetFetch(RequestContext context, OffsetFetchRequest request);

    CompletableFuture<ListGroupsResponse> listGroups(RequestContext context, ListGroupsRequest request);

    CompletableFuture<DescribeGroupsResponse> describeGroups(RequestContext context, DescribeGroupsRequest request);

    CompletableFuture<DeleteGroupsResponse> deleteGroups(RequestContext context, DeleteGroupsRequest request);

    CompletableFuture<OffsetDeleteResponse> offsetDelete(RequestContext context, OffsetDeleteRequest request);
}
