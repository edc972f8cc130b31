//! Teams (brand workspaces), their members and invitations.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{InviteId, TeamId, UserId};
use crate::limits::TEAM_NAME_MAX;
use crate::validation::{clean_name, normalize_email, FieldErrors, Validate};

/// How long an invitation link stays valid.
pub const INVITE_DAYS: i64 = 7;

/// A member's role in a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub enum Role {
    /// Everything, including roles and removing members.
    Owner,
    /// Manages invitations and team settings.
    Admin,
    /// Works in the team.
    Member,
}

#[cfg(feature = "diesel")]
crate::stored::enum_as_text!(Role);

impl Role {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Member => "member",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(value: &str) -> Option<Role> {
        match value {
            "owner" => Some(Role::Owner),
            "admin" => Some(Role::Admin),
            "member" => Some(Role::Member),
            _ => None,
        }
    }

    /// Owners and admins invite people and edit the team.
    pub fn can_manage_team(self) -> bool {
        matches!(self, Role::Owner | Role::Admin)
    }

    /// Only owners change roles and remove other members.
    pub fn can_manage_members(self) -> bool {
        self == Role::Owner
    }
}

/// A role an invitation can grant: ownership is given, never invited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InviteRole {
    /// Manages invitations and team settings.
    Admin,
    /// Works in the team.
    #[default]
    Member,
}

impl From<InviteRole> for Role {
    fn from(value: InviteRole) -> Self {
        match value {
            InviteRole::Admin => Role::Admin,
            InviteRole::Member => Role::Member,
        }
    }
}

/// A team, as seen by one of its members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Team {
    /// The team's id.
    pub id: TeamId,
    /// The team's name.
    pub name: String,
    /// The signed-in user's role in it.
    pub my_role: Role,
    /// When the team was created.
    pub created_at: DateTime<Utc>,
    /// When the team was last changed.
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/teams`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateTeam {
    /// The team's name.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$",
            example = "Acme Coffee"
        )
    )]
    pub name: String,
}

impl Validate for CreateTeam {
    type Clean = String;

    fn validate(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", clean_name(&self.name, TEAM_NAME_MAX));
        errors.into_result().map(|()| name.unwrap_or_default())
    }
}

/// `PATCH /api/v1/teams/{team_id}`: the fields to change.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateTeam {
    /// A new name.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
        )
    )]
    #[serde(default)]
    pub name: Option<String>,
}

impl Validate for UpdateTeam {
    type Clean = Option<String>;

    fn validate(&self) -> Result<Option<String>, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = match &self.name {
            Some(name) => errors.check("name", clean_name(name, TEAM_NAME_MAX)),
            None => None,
        };
        errors.into_result().map(|()| name)
    }
}

/// A member of a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    /// The member's user id.
    pub user_id: UserId,
    /// The member's e-mail address.
    pub email: String,
    /// The member's name.
    pub name: String,
    /// The member's role.
    pub role: Role,
    /// When they joined the team.
    pub joined_at: DateTime<Utc>,
}

/// `PATCH /api/v1/teams/{team_id}/members/{user_id}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateMember {
    /// The member's new role.
    pub role: Role,
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InviteStatus {
    /// Waiting for the invitee.
    Pending,
    /// The invitee joined.
    Accepted,
    /// An owner or admin withdrew it.
    Revoked,
    /// Not accepted within 7 days.
    Expired,
}

/// An invitation to join a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invite {
    /// The invitation's id.
    pub id: InviteId,
    /// The team it is for.
    pub team_id: TeamId,
    /// Who is invited.
    pub email: String,
    /// The role they get on accepting.
    pub role: Role,
    /// Who sent it.
    pub invited_by: UserId,
    /// Where it stands.
    pub status: InviteStatus,
    /// When it was sent.
    pub created_at: DateTime<Utc>,
    /// When its link stops working.
    pub expires_at: DateTime<Utc>,
}

/// `POST /api/v1/teams/{team_id}/invites`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateInvite {
    /// The invitee's e-mail address.
    #[cfg_attr(feature = "openapi", schema(format = Email, max_length = 254, example = "sam@brand.example"))]
    pub email: String,
    /// The role they get; `member` when left out.
    #[serde(default)]
    pub role: InviteRole,
}

/// A validated invitation request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvite {
    /// Normalised e-mail address.
    pub email: String,
    /// The role granted.
    pub role: Role,
}

impl Validate for CreateInvite {
    type Clean = NewInvite;

    fn validate(&self) -> Result<NewInvite, FieldErrors> {
        let mut errors = FieldErrors::default();
        let email = errors.check("email", normalize_email(&self.email));
        errors.into_result().map(|()| NewInvite {
            email: email.unwrap_or_default(),
            role: self.role.into(),
        })
    }
}

/// `GET /api/v1/invites/{token}`: what an invitation link offers, before accepting it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitePreview {
    /// The team's name.
    pub team_name: String,
    /// Who sent the invitation.
    pub invited_by_name: String,
    /// The address it was sent to; the accepting account must have it.
    pub email: String,
    /// The role it grants.
    pub role: Role,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
}

#[cfg(test)]
#[path = "teams_tests.rs"]
mod tests;
