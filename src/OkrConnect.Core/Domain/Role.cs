namespace OkrConnect.Core.Domain;

/// <summary>Roles, least powerful first. Each role can do everything the ones before it can.</summary>
public enum Role
{
    Viewer = 0,
    Member = 1,
    Manager = 2,
    Admin = 3,
}
