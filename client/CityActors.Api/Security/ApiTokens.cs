using System.Security.Claims;
using System.Security.Cryptography;
using CityActors.Domain.Cases;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CityActors.Api.Security;

/// <summary>
/// The bearer tokens the API accepts: JWTs from <c>CityActors:Api:Jwt:Issuer</c> for <c>CityActors:Api:Jwt:Audience</c>,
/// signed with the HMAC key in <c>CityActors:Api:Jwt:SigningKey</c> (base64, at least 32 bytes). The caller's identity is
/// the token's <c>sub</c>, its <see cref="RoleClaim"/> (a <see cref="Role"/> name) and its <see cref="OrgClaim"/> (the
/// org unit, department or channel the role is held at).
/// </summary>
public sealed class ApiTokens
{
    public const string RoleClaim = "cityactors_role";
    public const string OrgClaim = "cityactors_org";

    private ApiTokens(string issuer, string audience, SymmetricSecurityKey key, bool generatedKey) =>
        (Issuer, Audience, Key, GeneratedKey) = (issuer, audience, key, generatedKey);

    public string Issuer { get; }

    public string Audience { get; }

    public SymmetricSecurityKey Key { get; }

    /// <summary>No key was configured: one was made for this process (development tokens only; they die with it).</summary>
    public bool GeneratedKey { get; }

    /// <exception cref="InvalidOperationException">A key is configured but is not base64 of at least 32 bytes, or no key is configured where one is required.</exception>
    public static ApiTokens From(IConfiguration configuration, bool allowGeneratedKey)
    {
        var section = configuration.GetSection("CityActors:Api:Jwt");
        var issuer = section["Issuer"] ?? "cityactors";
        var audience = section["Audience"] ?? "cityactors-api";
        var configured = section["SigningKey"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!allowGeneratedKey)
            {
                throw new InvalidOperationException("CityActors:Api:Jwt:SigningKey is required outside embedded mode (base64 of at least 32 random bytes).");
            }

            return new ApiTokens(issuer, audience, new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), generatedKey: true);
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(configured);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("CityActors:Api:Jwt:SigningKey is not base64.");
        }

        return bytes.Length < 32
            ? throw new InvalidOperationException($"CityActors:Api:Jwt:SigningKey has {bytes.Length} bytes; at least 32 are required.")
            : new ApiTokens(issuer, audience, new SymmetricSecurityKey(bytes), generatedKey: false);
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key,
        ValidateIssuerSigningKey = true,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = JwtRegisteredClaimNames.Sub,
    };

    /// <summary>A signed token for <paramref name="actor"/>, valid for <paramref name="lifetime"/> from <paramref name="now"/>.</summary>
    public string Issue(Actor actor, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = actor.Id,
            [RoleClaim] = actor.Role.ToString(),
        };
        if (actor.Org is not null)
        {
            claims[OrgClaim] = actor.Org;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The acting identity of an authenticated caller; null when the token lacks a subject or a known role.</summary>
    public static Actor? ActorOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirst(JwtRegisteredClaimNames.Sub)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var role = user.FindFirst(RoleClaim)?.Value;
        return string.IsNullOrWhiteSpace(id) || !Enum.TryParse<Role>(role, ignoreCase: false, out var parsed) || parsed == Role.System
            ? null
            : new Actor(id, parsed, user.FindFirst(OrgClaim)?.Value);
    }
}
