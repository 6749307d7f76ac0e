# The silo image. Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t cityactors/silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish silo/CityActors.Silo -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# http (health, dashboard), silo-to-silo, gateway for cluster clients
EXPOSE 5080 11111 30000
USER app
ENTRYPOINT ["dotnet", "CityActors.Silo.dll"]
CMD ["--urls", "http://0.0.0.0:5080"]
