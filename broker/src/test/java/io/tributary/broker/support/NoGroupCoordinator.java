package io.tributary.broker.support;

import io.tributary.broker.GroupApi;
import io.tributary.broker.RequestContext;
import io.tributary.protocol.ErrorCode;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A group coordinator that is never available, for broker tests that do not use groups. */
public final class NoGroupCoordinator implements GroupApi {

    private static final ErrorCode ERROR = ErrorCode.COORDINATOR_NOT_AVAILABLE;

    @Override
    public CompletableFuture<FindCoordinatorResponse> findCoordinator(RequestContext context,
                                                                      FindCoordinatorRequest request) {
        List<FindCoordinatorResponse.Coordinator> coordinators = request.keys().stream()
                .map(key -> new FindCoordinatorResponse.Coordinator(key, -1, "", -1, ERROR, null))
                .toList();
        return CompletableFuture.completedFuture(new FindCoordinatorResponse(0, coordinators));
    }

    @Override
    public CompletableFuture<JoinGroupResponse> joinGroup(RequestContext context, JoinGroupRequest request) {
        return CompletableFuture.completedFuture(new JoinGroupResponse(0, ERROR, -1, null, null, "", false, "",
                List.of()));
    }

    @Override
    public CompletableFuture<SyncGroupResponse> syncGroup(RequestContext context, SyncGroupRequest request) {
        return CompletableFuture.completedFuture(new SyncGroupResponse(0, ERROR, null, null, new byte[0]));
    }

    @Override
    public CompletableFuture<HeartbeatResponse> heartbeat(RequestContext context, HeartbeatRequest request) {
        return CompletableFuture.completedFuture(new HeartbeatResponse(0, ERROR));
    }

    @Override
    public CompletableFuture<LeaveGroupResponse> leaveGroup(RequestContext context, LeaveGroupRequest request) {
        return CompletableFuture.completedFuture(new LeaveGroupResponse(0, ERROR, List.of()));
    }

    @Override
    public CompletableFuture<OffsetCommitResponse> offsetCommit(RequestContext context, OffsetCommitRequest request) {
        throw new IllegalStateException("Offset commits are not available in this test");
    }

    @Override
    public CompletableFuture<OffsetFetchResponse> offsetFetch(RequestContext context, OffsetFetchRequest request) {
        return CompletableFuture.completedFuture(new OffsetFetchResponse(0, List.of()));
    }

    @Override
    public CompletableFuture<ListGroupsResponse> listGroups(RequestContext context, ListGroupsRequest request) {
        return CompletableFuture.completedFuture(new ListGroupsResponse(0, ERROR, List.of()));
    }

    @Override
    public CompletableFuture<DescribeGroupsResponse> describeGroups(RequestContext context,
                                                                    DescribeGroupsRequest request) {
        List<DescribeGroupsResponse.DescribedGroup> groups = request.groupIds().stream()
                .map(groupId -> new DescribeGroupsResponse.DescribedGroup(ERROR, null, groupId, "", "", "",
                        List.<DescribeGroupsResponse.Member>of(), DescribeGroupsResponse.AUTHORIZED_OPERATIONS_OMITTED))
                .toList();
        return CompletableFuture.completedFuture(new DescribeGroupsResponse(0, groups));
    }

    @Override
    public CompletableFuture<DeleteGroupsResponse> deleteGroups(RequestContext context, DeleteGroupsRequest request) {
        List<DeleteGroupsResponse.Result> results = request.groupIds().stream()
                .map(groupId -> new DeleteGroupsResponse.Result(groupId, ERROR))
                .toList();
        return CompletableFuture.completedFuture(new DeleteGroupsResponse(0, results));
    }

    @Override
    public CompletableFuture<OffsetDeleteResponse> offsetDelete(RequestContext context, OffsetDeleteRequest request) {
        return CompletableFuture.completedFuture(new OffsetDeleteResponse(0, ERROR, List.of()));
    }
}
