# File generated from our OpenAPI spec by Castiron. See CONTRIBUTING.md for details.

from __future__ import annotations

import os
from typing import Any, cast

import pytest

from openai import OpenAI, AsyncOpenAI
from tests.utils import assert_matches_type
from openai.pagination import SyncConversationCursorPage, AsyncConversationCursorPage
from openai.types.admin.organization.projects import (
    ProjectServiceAccount,
    ServiceAccountCreateResponse,
    ServiceAccountDeleteResponse,
)

base_url = os.environ.get("TEST_API_BASE_URL", "http://127.0.0.1:4010")


class TestServiceAccounts:
    parametrize = pytest.mark.parametrize("client", [False, True], indirect=True, ids=["loose", "strict"])

    @parametrize
    def test_method_create(self, client: OpenAI) -> None:
        service_account = client.admin.organization.projects.service_accounts.create(
            project_id="project_id",
            name="name",
        )
        assert_matches_type(ServiceAccountCreateResponse, service_account, path=["response"])

    @parametrize
    def test_method_create_with_all_params(self, client: OpenAI) -> None:
        service_account = client.admin.organization.projects.service_accounts.create(
            project_id="project_id",
            name="name",
            create_service_account_only=True,
            expires_in_seconds=1,
            spend_limit={
                "currency": "USD",
                "interval": "month",
                "threshold_amount": 1,
            },
        )
        assert_matches_type(ServiceAccountCreateResponse, service_account, path=["response"])

    @parametrize
    def test_raw_response_create(self, client: OpenAI) -> None:
        response = client.admin.organization.projects.service_accounts.with_raw_response.create(
            project_id="project_id",
            name="name",
        )

        assert response.is_closed is True
        assert response.http_request.headers.get("X-Stainless-Lang") == "python"
        service_account = response.parse()
        assert_matches_type(ServiceAccountCreateResponse, service_account, path=["response"])

    @parametrize
    def test_streaming_response_create(self, client: OpenAI) -> None:
        with client.admin.organization.projects.service_accounts.with_streaming_response.create(
            project_id="project_id",
            name="name",
        ) as response:
            assert not response.is_closed
            assert response.http_request.headers.get("X-Stainless-Lang") == "python"

            service_account = response.parse()
            assert_matches_type(ServiceAccountCreateResponse, service_account, path=["response"])

        assert cast(Any, response.is_closed) is True

    @parametrize
    def test_path_params_create(self, client: OpenAI) -> None:
        with pytest.raises(ValueError, match=r"Expected a non-empty value for `project_id` but received ''"):
            client.admin.organization.projects.service_accounts.with_raw_response.create(
                project_id="",
                name="name",
            )

    @parametrize
    def test_method_retrieve(self, client: OpenAI) -> None:
        service_account = client.admin.organization.projects.service_accounts.retrieve(
            service_account_id="service_account_id",
            project_id="project_id",
        )
        assert_matches_type(ProjectServiceAccount, service_account, path=["response"])

    @parametrize
    def test_raw_response_retrieve(self, client: OpenAI) -> None:
        response = client.admin.organization.projects.service_accounts.with_raw_response.retrieve(
            service_account_id="service_account_id",
            project_id="project_id",
        )

        assert response.is_closed is True
        assert response.http_request.headers.get("X-Stainless-Lang") == "python"
        service_account = response.parse()
        assert_matches_type(ProjectServiceAccount, service_account, path=["response"])

    @parametrize
    def test_streaming_response_retrieve(self, client: OpenAI) -> None:
        with client.admin.organization.projects.service_accounts.with_streaming_response.retrieve(
            service_account_id="service_account_id",
            project_id="project_id",
        ) as response:
            assert not response.is_closed
            assert response.http_request.headers.get("X-Stainless-Lang") == "python"

            service_account = response.parse()
            assert_matches_type(ProjectServiceAccount, service_account, path=["response"])

        assert cast(Any, response.is_closed) is True

    @parametrize
    def test_path_params_retrieve(self, client: OpenAI) -> None:
        with pytest.raises(ValueError, match=r"Expected a non-empty value for `project_id` but received ''"):
            client.admin.organization.projects.service_accounts.with_raw_response.retrieve(
                service_account_id="service_account_id",
                project_id="",
            )

        with pytest.raises(ValueError, match=r"Expected a non-empty value for `service_account_id` but received ''"):
            client.admin.organization.projects.service_accounts.with_raw_response.retrieve(
                service_account_id="",
                project_id="project_id",
            )

    @parametrize
    def test_method_update(self, client: OpenAI) -> None:
        service_account = client.admin.organization.projects.service_accounts.update(
            service_account_id="service_account_id",
            project_id="project_id",
        )
        assert_matches_type(ProjectServiceAccount, service_account, path=["response"])

    @parametrize
    def test_method_update_with_all_params(self, client: OpenAI) -> None:
        service_account = client.admin.organization.projects.service_accounts.update(
            service_account_id="service_account_id",
            project_id="project_id",
            name="name",
            role="member",
        )
        assert_matches_type(ProjectServiceAccount, service_account, path=["response"])

    @parametrize
    def test_raw_response_update(self, client: OpenAI) -> None:
        response = client.admin.organization.projects.service_accounts.with_raw_response.update(
            service_account_id="service_account_id",
            project_id="project_id",
        )

        assert response.is_closed is True
        assert response.http_request.headers.get("X-Stainless-Lang") == "python"
        service_account = response.parse()
        assert_matches_type(ProjectServiceAccount, service_account, path=["response"])

    @parametrize
    def test_streaming_response_update(self, client: OpenAI) -> None:
        with client.admin.organization.projects.service_accounts.with_streaming_response.update(
            service_account_id="service_account_id",
            project_id="project_id",
        ) as response:
            assert not response.is_closed
            assert response.http_request.headers.get("X-Stainless-Lang") == "python"

            service_account = response.parse()
            assert_matches_type(ProjectServiceAccount, service_account, path=["response"])

        assert cast(Any, response.is_closed) is True

    @parametrize
    def test_path_params_update(self, client: OpenAI) -> None:
        with pytest.raises(ValueError, match=r"Expected a non-empty value for `project_id` but received ''"):
            client.admin.organization.projects.service_accounts.with_raw_response.update(
                service_account_id="service_account_id",
                project_id="",
            )

        with pytest.raises(ValueError, match=r"Expected a non-empty value for `service_account_id` but received ''"):
            client.admin.organization.projects.service_accounts.with_raw_response.update(
                service_account_id="",
                project_id="project_id",
            )

    @parametrize
    def test_method_list(self, client: OpenAI) -> None:
        service_account = client.admin.organization.projects.service_accounts.list(
            project_id="project_id",
        )
        assert_matches_type(SyncConversationCursorPage[ProjectServiceAccount], service_account, path=["response"])

    @parametrize
    def test_method_list_with_all_params(self, client: OpenAI) -> None:
        service_account = client.admin.organization.projects.service_accounts.list(
            project_id="project_id",
            after="after",
            limit=0,
        )
        assert_matches_type(SyncConversationCursorPage[ProjectServiceAccount], service_account, path=["response"])

    @parametrize
    def test_raw_response_list(self, client: OpenAI) -> None:
        response = client.admin.organization.projects.service_accounts.with_raw_response.list(
            project_id="project_id",
        )

        assert response.is_closed is True
        assert response.http_request.headers.get("X-Stainless-Lang") == "python"
        service_account = response.parse()
        assert_matches_type(SyncConversationCursorPage[ProjectServiceAccount], service_account, path=["response"])

    @parametrize
    def test_streaming_response_list(self, client: OpenAI) -> None:
        with client.admin.organization.projects.service_accounts.with_streaming_response.list(
            project_id="project_id",
        ) as response:
            assert not response.is_closed
            assert response.http_request.headers.get("X-Stainless-Lang") == "python"

            service_account = response.parse()
            assert_matches_type(SyncConversationCursorPage[ProjectServiceAccount], service_account, path=["response"])

        assert cast(Any, response.is_closed) is True

    @parametrize
    def test_path_params_list(self, client: OpenAI) -> None:
        with pytest.raises(ValueError, match=r"Expected a non-empty value for `project_id` but received ''"):
            client.admin.organization.projects.service_accounts.with_raw_response.list(
                project_id="",
            )

    @parametrize
    def test_method_delete(self, client: OpenAI) -> None:
        service_account = client.admin.organization.projects.service_accounts.delete(
            service_account_id="service_account_id",
            project_id="project_id",
        )
        assert_matches_type(ServiceAccountDeleteResponse, service_account, path=["response"])

    @parametrize
    def test_raw_response_delete(self, client: OpenAI) -> None:
        response = client.admin.organization.projects.service_accounts.with_raw_response.delete(
            service_account_id="service_account_id",
            project_id="project_id",
        )

        assert response.is_closed is True
        assert response.http_request.headers.get("X-Stainless-Lang") == "python"
        service_account = response.parse()
        assert_matches_type(ServiceAccountDeleteResponse, service_account, path=["response"])

    @parametrize
    def test_streaming_response_delete(self, client: OpenAI) -> None:
        with client.admin.organization.projects.service_accounts.with_streaming_response.delete(
            service_account_id="service_account_id",
            project_id="project_id",
        ) as response:
            assert not response.is_closed
            assert response.http_request.headers.get("X-Stainless-Lang") == "python"

            service_account = response.parse()
            assert_matches_type(ServiceAccountDeleteResponse, service_account, path=["response"])

        assert cast(Any, response.is_closed) is True

    @parametrize
    def test_path_params_delete(self, client: OpenAI) -> None:
        with pytest.raises(ValueError, match=r"Expected a non-empty value for `project_id` but received ''"):
            client.admin.organization.projects.service_accounts.with_raw_response.delete(
                service_account_id="service_account_id",
                project_id="",
            )

        with pytest.raises(ValueError, match=r"Expected a non-empty value for `service_account_id` but received ''"):
            client.admin.organization.projects.service_accounts.with_raw_response.delete(
                service_account_id="",
                project_id="project_id",
            )


class TestAsyncServiceAccounts:
    parametrize = pytest.mark.parametrize(
        "async_client", [False, True, {"http_client": "aiohttp"}], indirect=True, ids=["loose", "strict", "aiohttp"]
    )

    @parametrize
    async def test_method_create(self, async_client: AsyncOpenAI) -> None:
        service_account = await async_client.admin.organization.projects.service_accounts.create(
            project_id="project_id",
            name="name",
        )
        assert_matches_type(ServiceAccountCreateResponse, service_account, path=["response"])

    @parametrize
    async def test_method_create_with_all_params(self, async_client: AsyncOpenAI) -> None:
        service_account = await async_client.admin.organization.projects.service_accounts.create(
            project_id="project_id",
            name="name",
            create_service_account_only=True,
            expires_in_seconds=1,
            spend_limit={
                "currency": "USD",
                "interval": "month",
                "threshold_amount": 1,
            },
        )
        assert_matches_type(ServiceAccountCreateResponse, service_account, path=["response"])

    @parametrize
    async def test_raw_response_create(self, async_client: AsyncOpenAI) -> None:
        response = await async_client.admin.organization.projects.service_accounts.with_raw_response.create(
            project_id="project_id",
            name="name",
        )

        assert response.is_closed is True
        assert response.http_request.headers.get("X-Stainless-Lang") == "python"
        service_account = response.parse()
        assert_matches_type(ServiceAccountCreateResponse, service_account, path=["response"])

    @parametrize
    async def test_streaming_response_create(self, async_client: AsyncOpenAI) -> None:
        async with async_client.admin.organization.projects.service_accounts.with_streaming_response.create(
            project_id="project_id",
            name="name",
        ) as response:
            assert not response.is_closed
            assert response.http_request.headers.get("X-Stainless-Lang") == "python"

            service_account = await response.parse()
            assert_matches_type(ServiceAccountCreateResponse, service_account, path=["response"])

        assert cast(Any, response.is_closed) is True

    @parametrize
    async def test_path_params_create(self, async_client: AsyncOpenAI) -> None:
        with pytest.raises(ValueError, match=r"Expected a non-empty value for `project_id` but received ''"):
            await async_client.admin.organization.projects.service_accounts.with_raw_response.create(
                project_id="",
                name="name",
            )

    @parametrize
    async def test_method_retrieve(self, async_client: AsyncOpenAI) -> None:
        service_account = await async_client.admin.organization.projects.service_accounts.retrieve(
            service_account_id="service_account_id",
            project_id="project_id",
        )
        assert_matches_type(ProjectServiceAccount, service_account, path=["response"])

    @parametrize
    async def test_raw_response_retrieve(self, async_client: AsyncOpenAI) -> None:
        response = await async_client.admin.organization.projects.service_accounts.with_raw_response.retrieve(
            service_account_id="service_account_id",
            project_id="project_id",
        )

        assert response.is_closed is True
        assert response.http_request.headers.get("X-Stainless-Lang") == "python"
        service_account = response.parse()
        assert_matches_type(ProjectServiceAccount, service_account, path=["response"])

    @parametrize
    async def test_streaming_response_retrieve(self, async_client: AsyncOpenAI) -> None:
        async with async_client.admin.organization.projects.service_accounts.with_streaming_response.retrieve(
            service_account_id="service_account_id",
            project_id="project_id",
        ) as response:
            assert not response.is_closed
            assert response.http_request.headers.get("X-Stainless-Lang") == "python"

            service_account = await response.parse()
            assert_matches_type(ProjectServiceAccount, service_account, path=["response"])

        assert cast(Any, response.is_closed) is True

    @parametrize
    async def test_path_params_retrieve(self, async_client: AsyncOpenAI) -> None:
        with pytest.raises(ValueError, match=r"Expected a non-empty value for `project_id` but received ''"):
            await async_client.admin.organization.projects.service_accounts.with_raw_response.retrieve(
                service_account_id="service_account_id",
                project_id="",
            )

        with pytest.raises(ValueError, match=r"Expected a non-empty value for `service_account_id` but received ''"):
            await async_client.admin.organization.projects.service_accounts.with_raw_response.retrieve(
                service_account_id="",
                project_id="project_id",
            )

    @parametrize
    async def test_method_update(self, async_client: AsyncOpenAI) -> None:
        service_account = await async_client.admin.organization.projects.service_accounts.update(
            service_account_id="service_account_id",
            project_id="project_id",
        )
        assert_matches_type(ProjectServiceAccount, service_account, path=["response"])

    @parametrize
    async def test_method_update_with_all_params(self, async_client: AsyncOpenAI) -> None:
        service_account = await async_client.admin.organization.projects.service_accounts.update(
            service_account_id="service_account_id",
            project_id="project_id",
            name="name",
            role="member",
        )
        assert_matches_type(ProjectServiceAccount, service_account, path=["response"])

    @parametrize
    async def test_raw_response_update(self, async_client: AsyncOpenAI) -> None:
        response = await async_client.admin.organization.projects.service_accounts.with_raw_response.update(
            service_account_id="service_account_id",
            project_id="project_id",
        )

        assert response.is_closed is True
        assert response.http_request.headers.get("X-Stainless-Lang") == "python"
        service_account = response.parse()
        assert_matches_type(ProjectServiceAccount, service_account, path=["response"])

    @parametrize
    async def test_streaming_response_update(self, async_client: AsyncOpenAI) -> None:
        async with async_client.admin.organization.projects.service_accounts.with_streaming_response.update(
            service_account_id="service_account_id",
            project_id="project_id",
        ) as response:
            assert not response.is_closed
            assert response.http_request.headers.get("X-Stainless-Lang") == "python"

            service_account = await response.parse()
            assert_matches_type(ProjectServiceAccount, service_account, path=["response"])

        assert cast(Any, response.is_closed) is True

    @parametrize
    async def test_path_params_update(self, async_client: AsyncOpenAI) -> None:
        with pytest.raises(ValueError, match=r"Expected a non-empty value for `project_id` but received ''"):
            await async_client.admin.organization.projects.service_accounts.with_raw_response.update(
                service_account_id="service_account_id",
                project_id="",
            )

        with pytest.raises(ValueError, match=r"Expected a non-empty value for `service_account_id` but received ''"):
            await async_client.admin.organization.projects.service_accounts.with_raw_response.update(
                service_account_id="",
                project_id="project_id",
            )

    @parametrize
    async def test_method_list(self, async_client: AsyncOpenAI) -> None:
        service_account = await async_client.admin.organization.projects.service_accounts.list(
            project_id="project_id",
        )
        assert_matches_type(AsyncConversationCursorPage[ProjectServiceAccount], service_account, path=["response"])

    @parametrize
    async def test_method_list_with_all_params(self, async_client: AsyncOpenAI) -> None:
        service_account = await async_client.admin.organization.projects.service_accounts.list(
            project_id="project_id",
            after="after",
            limit=0,
        )
        assert_matches_type(AsyncConversationCursorPage[ProjectServiceAccount], service_account, path=["response"])

    @parametrize
    async def test_raw_response_list(self, async_client: AsyncOpenAI) -> None:
        response = await async_client.admin.organization.projects.service_accounts.with_raw_response.list(
            project_id="project_id",
        )

        assert response.is_closed is True
        assert response.http_request.headers.get("X-Stainless-Lang") == "python"
        service_account = response.parse()
        assert_matches_type(AsyncConversationCursorPage[ProjectServiceAccount], service_account, path=["response"])

    @parametrize
    async def test_streaming_response_list(self, async_client: AsyncOpenAI) -> None:
        async with async_client.admin.organization.projects.service_accounts.with_streaming_response.list(
            project_id="project_id",
        ) as response:
            assert not response.is_closed
            assert response.http_request.headers.get("X-Stainless-Lang") == "python"

            service_account = await response.parse()
            assert_matches_type(AsyncConversationCursorPage[ProjectServiceAccount], service_account, path=["response"])

        assert cast(Any, response.is_closed) is True

    @parametrize
    async def test_path_params_list(self, async_client: AsyncOpenAI) -> None:
        with pytest.raises(ValueError, match=r"Expected a non-empty value for `project_id` but received ''"):
            await async_client.admin.organization.projects.service_accounts.with_raw_response.list(
                project_id="",
            )

    @parametrize
    async def test_method_delete(self, async_client: AsyncOpenAI) -> None:
        service_account = await async_client.admin.organization.projects.service_accounts.delete(
            service_account_id="service_account_id",
            project_id="project_id",
        )
        assert_matches_type(ServiceAccountDeleteResponse, service_account, path=["response"])

    @parametrize
    async def test_raw_response_delete(self, async_client: AsyncOpenAI) -> None:
        response = await async_client.admin.organization.projects.service_accounts.with_raw_response.delete(
            service_account_id="service_account_id",
            project_id="project_id",
        )

        assert response.is_closed is True
        assert response.http_request.headers.get("X-Stainless-Lang") == "python"
        service_account = response.parse()
        assert_matches_type(ServiceAccountDeleteResponse, service_account, path=["response"])

    @parametrize
    async def test_streaming_response_delete(self, async_client: AsyncOpenAI) -> None:
        async with async_client.admin.organization.projects.service_accounts.with_streaming_response.delete(
            service_account_id="service_account_id",
            project_id="project_id",
        ) as response:
            assert not response.is_closed
            assert response.http_request.headers.get("X-Stainless-Lang") == "python"

            service_account = await response.parse()
            assert_matches_type(ServiceAccountDeleteResponse, service_account, path=["response"])

        assert cast(Any, response.is_closed) is True

    @parametrize
    async def test_path_params_delete(self, async_client: AsyncOpenAI) -> None:
        with pytest.raises(ValueError, match=r"Expected a non-empty value for `project_id` but received ''"):
            await async_client.admin.organization.projects.service_accounts.with_raw_response.delete(
                service_account_id="service_account_id",
                project_id="",
            )

        with pytest.raises(ValueError, match=r"Expected a non-empty value for `service_account_id` but received ''"):
            await async_client.admin.organization.projects.service_accounts.with_raw_response.delete(
                service_account_id="",
                project_id="project_id",
            )
